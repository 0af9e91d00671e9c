#!/usr/bin/env bash
# Installs what the browser checks need, only what is missing: Debian's Chromium and a Java
# runtime (apt, as root), then the npm packages pinned in package-lock.json (without
# Lighthouse, a dev dependency, and without install scripts: no package downloads a browser
# or a Java runtime of its own). Safe to run again: it does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  need+=(nodejs npm)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing ${need[*]}; install them: sudo apt-get install --no-install-recommends ${need[*]}" >&2
    exit 2
  fi
  echo "installing ${need[*]} (apt)"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "error: Node $(node --version) is too old; playwright-core needs Node 20 or later" >&2
  exit 2
fi

# `npm ls` fails when an installed package is missing or differs from the lock file.
if ! npm ls --omit=dev --depth=0 >/dev/null 2>&1; then
  echo "installing npm packages (npm ci)"
  npm ci --omit=dev --ignore-scripts --no-audit --no-fund
fi
