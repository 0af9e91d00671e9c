#!/usr/bin/env bash
# The speed benchmark: atelier against Zola and Hugo on synthetic sites of 1,000, 10,000
# and 100,000 pages (cold and rebuilt, on disk and on a tmpfs), the I/O floor, the real
# corpus with the DSFR theme, and the corpus replicated (the growth check).
# Usage: bench/run.sh [--sizes 1000,10000] [--runs N] [--minify] [--rebuild]
#        [--only atelier,zola,hugo] [--zola PATH] [--where disk,tmpfs] [--scale 2,8|none]
# Zola is neither built nor installed here: put it on PATH, or pass --zola PATH (or set
# ZOLA=PATH); without it the bench says Zola was skipped and measures the others.
# Everything after the script name goes to the bench binary (benches/site/main.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench: installing ${missing[*]} from Debian" >&2
    if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# `cargo bench` builds atelier and the bench in the release profile.
exec cargo bench --bench site -- "$@"
