# syntax=docker/dockerfile:1
# atelier in a container. Two images from one build:
#
#   docker build -t atelier .                 the runtime image: the binary, CA certificates
#                                             (for the DSFR download) and the C runtime, no
#                                             shell, user 65532
#   docker build --target ci -t atelier:ci .  the same binary on Debian slim, with a shell,
#                                             for CI runners that run `script:` lines in it
#
# Build a site in the current folder (it must be writable by the container's user):
#
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" atelier build
#
# The DSFR package is cached in /site/.cache/atelier (ATELIER_CACHE_DIR): add `.cache/` to
# the site's .gitignore, or mount another folder there.

FROM rust:1-bookworm AS build
WORKDIR /src
# Dependencies first, so that a change of atelier's code reuses their layer.
COPY Cargo.toml Cargo.lock build.rs ./
COPY benches ./benches
RUN mkdir src \
    && echo 'fn main() {}' > src/main.rs \
    && touch src/lib.rs \
    && cargo build --profile dist --locked \
    && rm -rf src
COPY src ./src
RUN touch src/main.rs src/lib.rs \
    && cargo build --profile dist --locked \
    && cp target/dist/atelier /usr/local/bin/atelier

FROM debian:bookworm-slim AS ci
# ca-certificates unpinned on purpose: it should follow Debian's security updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/atelier /usr/local/bin/atelier
ENV ATELIER_CACHE_DIR=.cache/atelier
USER 65532:65532
CMD ["atelier", "--help"]

FROM gcr.io/distroless/cc-debian12:nonroot AS runtime
COPY --from=build /usr/local/bin/atelier /usr/local/bin/atelier
WORKDIR /site
ENV ATELIER_CACHE_DIR=/site/.cache/atelier
ENTRYPOINT ["/usr/local/bin/atelier"]
CMD ["build"]
