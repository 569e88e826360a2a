#!/usr/bin/env bash
# Smoke test of the README's first command, `npm run demo`, as a new user runs it: in a pristine
# clone of this commit (no node_modules, no harness), with its own first-run bootstrap. Checks: the
# demo prints URL=, the URL answers over HTTP, Ctrl+C (SIGINT to its process group, as a terminal
# sends it) stops it, and no process of the clone is left. Ends with `demo: N passed, N failed`.
# Time budget: 6 min (about 3.5 min cold: npm ci, the harness install, the build, the server).
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clone="$(mktemp -d /tmp/cnnd-demo-smoke-XXXXXX)"
log="$repo_root/test-artifacts/logs/demo-smoke.log"
mkdir -p "$(dirname "$log")"
passed=0
failed=0
check() { # check NAME STATUS [DETAIL]
  if [[ "$2" == 0 ]]; then passed=$((passed + 1)); echo "  ✔ $1${3:+: $3}"; else failed=$((failed + 1)); echo "  ✗ $1${3:+: $3}"; fi
}
finish() {
  rm -rf "$clone"
  echo "demo: $passed passed, $failed failed"
  ((failed == 0 && passed > 0))
  exit $?
}

git clone --quiet --no-local "$repo_root" "$clone" && git -C "$clone" checkout --quiet "$(git -C "$repo_root" rev-parse HEAD)"
check "a pristine clone of $(git -C "$repo_root" rev-parse --short HEAD)" $?

# setsid: the demo leads its own process group, like a command in a terminal.
(cd "$clone" && exec setsid npm run demo </dev/null >"$log" 2>&1) &
demo_pid=$!
url=""
deadline=$((SECONDS + 900))
while ((SECONDS < deadline)) && kill -0 "$demo_pid" 2>/dev/null; do
  url="$(grep -m1 -oE '^URL=.*' "$log" | cut -c5- || true)"
  [[ -n "$url" ]] && break
  sleep 1
done
if [[ -z "$url" ]]; then
  check "npm run demo prints URL=" 1 "$(kill -0 "$demo_pid" 2>/dev/null && echo "none within 15 min" || echo "it exited first")"
  tail -n 30 "$log"
  kill -KILL -- "-$demo_pid" 2>/dev/null
  finish
fi
check "npm run demo prints URL= after its first-run install" 0 "$SECONDS s"

status="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 30 "$url" || echo "no answer")"
[[ "$status" == 200 ]]
check "the URL answers" $? "HTTP $status"

kill -INT -- "-$demo_pid"
stop_deadline=$((SECONDS + 30))
while ((SECONDS < stop_deadline)) && kill -0 "$demo_pid" 2>/dev/null; do sleep 0.2; done
! kill -0 "$demo_pid" 2>/dev/null
check "Ctrl+C stops the demo" $?

# Nothing may outlive it: no process in its group, none started from the clone (code-server runs
# in a process group of its own).
leftovers="$(pgrep -g "$demo_pid" 2>/dev/null; pgrep -f "$clone" 2>/dev/null)"
[[ -z "$leftovers" ]]
check "no process is left behind" $? "${leftovers:+pids $(echo $leftovers)}"
if [[ -n "$leftovers" ]]; then kill -KILL $leftovers 2>/dev/null; fi
finish
