#!/usr/bin/env bash
# The speed benchmark: atelier against Hugo on synthetic sites of 1,000, 10,000 and
# 100,000 pages, the I/O floor, and the real corpus with the DSFR theme.
# Usage: bench/run.sh [--sizes 1000,10000] [--runs N] [--minify] [--rebuild] [--only atelier]
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
