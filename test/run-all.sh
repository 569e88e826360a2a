#!/usr/bin/env bash
# Every test tier, in order (what `npm test` runs):
#   build (esbuild) → type-check → lint → unit (vitest) → extension-host tests in a real VS Code
#   (code-server route) → end-to-end tests in the browser (smoke, designer flows, the acceptance
#   scenario and large/hostile files from the packaged .vsix).
# Each tier's output goes to the console and to test-artifacts/logs/<tier>.log. A failing tier
# does not stop the later ones (except a failed build, which they all need). Prints a summary per
# tier and a last line `all: N passed, N failed, N skipped` (tests of the test tiers, plus one check
# for each of build, type-check and lint). A tier that skips tests says how many in its own line.
# Exits non-zero when anything failed.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
logs_dir="test-artifacts/logs"
rm -rf "$logs_dir"
mkdir -p "$logs_dir"

summary_lines=()
total_passed=0
total_failed=0
total_skipped=0

strip_colors() { sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g'; }

# run_tier NAME COUNT_PARSER COMMAND...: runs, tees the log, records "name  status  counts  seconds".
run_tier() {
  local name="$1" parser="$2"
  shift 2
  local log="$logs_dir/$name.log" started=$SECONDS
  printf '\n======== %s: %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local seconds=$((SECONDS - started))
  local counts passed failed skipped
  counts="$("$parser" "$log" "$status")"
  read -r passed failed skipped <<<"$counts"
  skipped=${skipped:-0}
  if ((status != 0 && failed == 0)); then failed=1; fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
  local verdict="ok"
  ((status == 0)) || verdict="FAILED (exit $status)"
  summary_lines+=("$(printf '%-13s %-18s %4s passed, %3s failed, %3s skipped  %4ss' "$name" "$verdict" "$passed" "$failed" "$skipped" "$seconds")")
  printf -- '-------- %s: %s, %s passed, %s failed, %s skipped, %s s\n' "$name" "$verdict" "$passed" "$failed" "$skipped" "$seconds"
  return "$status"
}

# Count parsers: print "PASSED FAILED SKIPPED" for a tier's log and exit status.
count_single_check() { if [[ "$2" == 0 ]]; then echo "1 0 0"; else echo "0 1 0"; fi; }

# "N word" from a line, or 0.
count_of() { local found; found="$(grep -oE "[0-9]+ $2" <<<"$1" | grep -oE '[0-9]+' | head -n 1 || true)"; echo "${found:-0}"; }

count_vitest() {
  local line
  line="$(strip_colors <"$1" | grep -E '^ +Tests +' | tail -n 1)"
  echo "$(count_of "$line" passed) $(count_of "$line" failed) $(count_of "$line" skipped)"
}

count_closing_line() {
  local line
  line="$(strip_colors <"$1" | grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed' | tail -n 1)"
  if [[ -z "$line" ]]; then echo "0 0 0"; return; fi
  echo "$(count_of "$line" passed) $(count_of "$line" failed) $(count_of "$line" skipped)"
}

# First run on a fresh clone: install what the tiers need (both steps are no-ops afterwards).
if [[ ! -d node_modules/esbuild ]]; then npm ci --no-audit --no-fund </dev/null; fi
# The harness installer builds its own clean environment, so running under `npm test` is safe.
echo "test harness: code-server + Node 24 in .vscode-test (the first run installs them: ~3 min)"
if ! bash test/harness/install.sh </dev/null >"$logs_dir/harness-install.log" 2>&1; then
  tail -n 30 "$logs_dir/harness-install.log"
  echo "the test harness did not install (log: $logs_dir/harness-install.log); retry with: bash test/harness/install.sh"
  exit 1
fi

started_all=$SECONDS
build_ok=true
run_tier build count_single_check node esbuild.mjs || build_ok=false
run_tier types count_single_check npm run --silent check-types
run_tier lint count_single_check npm run --silent lint
run_tier generated count_single_check bash -c 'node scripts/build-wasm.mjs --check && node scripts/notices.mjs --check && node scripts/generate.mjs --check'
run_tier unit count_vitest npx vitest run
run_tier fuzz count_closing_line node test/fuzz/run.mjs
# Runs the exported PyTorch code with Debian's python3-torch (skipped with a reason when torch is
# missing outside CI; .ci/run installs it).
run_tier pytorch count_vitest npx vitest run --config test/pytorch/vitest.config.mts
if $build_ok; then
  run_tier integration count_closing_line node test/integration/runInCodeServer.mjs
  run_tier e2e count_closing_line node test/e2e/smoke.mjs
  run_tier designerflows count_closing_line node test/e2e/designer-flows.mjs
  # All four theme kinds, text contrast ≥ 4.5:1 checked in the webview (budget 90 s; ~50 s here).
  run_tier themes count_closing_line node test/e2e/themes.mjs
  run_tier restricted count_closing_line node test/e2e/restricted.mjs
  # The acceptance scenario and the large/hostile files run on the extension installed from the
  # .vsix that `npm run package` makes (--packaged builds it; it leaves dist/ as the production build).
  run_tier scenarios count_closing_line node test/e2e/scenarios.mjs --packaged
  run_tier largefiles count_closing_line node test/e2e/large-files.mjs --vsix "cnn-designer-$(node -p 'require("./package.json").version').vsix"
else
  summary_lines+=("integration  SKIPPED (no build)")
  summary_lines+=("e2e          SKIPPED (no build)")
  total_failed=$((total_failed + 2))
fi

printf '\n======== summary (%s s in all; logs in %s)\n' "$((SECONDS - started_all))" "$logs_dir"
printf '%s\n' "${summary_lines[@]}"
# The failed checks again, with their first message line, so a log read from its end names them.
for log in "$logs_dir"/*.log; do
  failures="$(strip_colors <"$log" | grep -E -A1 '^ +(✗|×|FAIL) ' | head -n 20 || true)"
  [[ -n "$failures" ]] && printf 'failed in %s:\n%s\n' "$(basename "$log" .log)" "$failures"
done
echo "all: $total_passed passed, $total_failed failed, $total_skipped skipped"
((total_failed == 0))
