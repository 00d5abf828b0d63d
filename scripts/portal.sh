#!/usr/bin/env bash
# The README's two commands land here (`npm start`, `npm test`). A fresh machine has Node and npm
# only, so this installs what is missing first: pnpm (pinned), the dependencies, and for the tests
# Debian's Chromium. Then it runs the real thing.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=12.21.0

if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm -v 2>/dev/null)" = "$PNPM_VERSION" ]; then
  PNPM=(pnpm)
elif npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
  PNPM=(pnpm)
else
  PNPM=(npx --yes "pnpm@$PNPM_VERSION")
fi

ensure_deps() {
  if [ ! -d node_modules/.pnpm ] || [ pnpm-lock.yaml -nt node_modules/.pnpm/lock.yaml ]; then
    "${PNPM[@]}" install --frozen-lockfile
  fi
}

ensure_chromium() {
  local path="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$path" ] && return 0
  echo "Chromium is missing: installing Debian's chromium package for the browser tests…"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
}

case "${1:-}" in
  start)
    shift
    ensure_deps
    # Each builds only when its sources or the lockfile changed; one line either way.
    node scripts/build-spa.mjs
    node scripts/build-server.mjs
    # Compiled JavaScript: no TypeScript loader in production (docs/decisions/023-compiled-server.md).
    exec node apps/server/dist/main.mjs "$@"
    ;;
  test)
    ensure_deps
    ensure_chromium
    rm -f artifacts/vitest-report.json
    status=0
    "${PNPM[@]}" run test:all || status=$?
    node scripts/test-summary.mjs artifacts/vitest-report.json || true
    exit "$status"
    ;;
  *)
    echo "usage: scripts/portal.sh start|test" >&2
    exit 64
    ;;
esac
