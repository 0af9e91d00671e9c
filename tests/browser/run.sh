#!/usr/bin/env bash
# The browser checks of a built site (default: public/ at the repository root).
# Usage: tests/browser/run.sh [SITE_DIR] [--out DIR] [--only /url/path/]...
# Needs what setup.sh installs. Exit code: 0 all green, 1 a check failed, 2 could not run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec node "$here/run.mjs" "$@"
