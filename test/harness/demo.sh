#!/usr/bin/env bash
# `npm run demo`: opens the designer in a real VS Code on the templates. Installs what it needs on
# the first run (npm dependencies, the code-server harness), builds, starts code-server on
# 127.0.0.1 with this checkout loaded as a development extension and media/templates opened,
# prints the URL to open in a browser, and runs until Ctrl+C (which stops the server).
# DEMO_PORT=8080 picks the port (default: any free one).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
if [[ ! -d node_modules/esbuild ]]; then npm ci --no-audit --no-fund; fi
bash test/harness/install.sh
node esbuild.mjs --quiet
exec node test/harness/start.mjs --dev --workspace media/templates ${DEMO_PORT:+--port "$DEMO_PORT"}
