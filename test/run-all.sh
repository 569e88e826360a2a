#!/usr/bin/env bash
# Every test tier, in order (what `npm test` runs):
#   build (esbuild) → type-check → lint → unit (vitest) → extension-host tests in a real VS Code
#   (code-server route) → end-to-end tests in the browser (smoke, designer flows, the acceptance
#   scenario and large/hostile files from the packaged .vsix).
# Each tier's output goes to the console and to test-artifacts/logs/<tier>.log. A failing tier
# does not stop the later ones (except a failed build, which they all need). Prints a summary per
# tier and a last line `all: N passed, N failed` (tests of the test tiers, plus one check for each
# of build, type-check and lint). Exits non-zero when anything failed.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
logs_dir="test-artifacts/logs"
rm -rf "$logs_dir"
mkdir -p "$logs_dir"

summary_lines=()
total_passed=0
total_failed=0

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
  local counts passed failed
  counts="$("$parser" "$log" "$status")"
  read -r passed failed <<<"$counts"
  if ((status != 0 && failed == 0)); then failed=1; fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  local verdict="ok"
  ((status == 0)) || verdict="FAILED (exit $status)"
  summary_lines+=("$(printf '%-12s %-18s %4s passed, %3s failed  %4ss' "$name" "$verdict" "$passed" "$failed" "$seconds")")
  printf -- '-------- %s: %s, %s passed, %s failed, %s s\n' "$name" "$verdict" "$passed" "$failed" "$seconds"
  return "$status"
}

# Count parsers: print "PASSED FAILED" for a tier's log and exit status.
count_single_check() { if [[ "$2" == 0 ]]; then echo "1 0"; else echo "0 1"; fi; }

count_vitest() {
  local line passed failed
  line="$(strip_colors <"$1" | grep -E '^ +Tests +' | tail -n 1)"
  passed="$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || true)"
  failed="$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || true)"
  echo "${passed:-0} ${failed:-0}"
}

count_closing_line() {
  local line
  line="$(strip_colors <"$1" | grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed' | tail -n 1)"
  if [[ -z "$line" ]]; then echo "0 0"; return; fi
  echo "$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+') $(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')"
}

# First run on a fresh clone: install what the tiers need (both steps are no-ops afterwards).
if [[ ! -d node_modules/esbuild ]]; then npm ci --no-audit --no-fund </dev/null; fi
bash test/harness/install.sh </dev/null >/dev/null || { echo "test harness install failed: run bash test/harness/install.sh"; exit 1; }

started_all=$SECONDS
build_ok=true
run_tier build count_single_check node esbuild.mjs || build_ok=false
run_tier types count_single_check npm run --silent check-types
run_tier lint count_single_check npm run --silent lint
run_tier generated count_single_check bash -c 'node scripts/build-wasm.mjs --check && node scripts/notices.mjs --check'
run_tier unit count_vitest npx vitest run
# Runs the exported PyTorch code with Debian's python3-torch (skipped with a reason when torch is
# missing outside CI; .ci/run installs it).
run_tier pytorch count_vitest npx vitest run --config test/pytorch/vitest.config.ts
if $build_ok; then
  run_tier integration count_closing_line node test/integration/runInCodeServer.mjs
  run_tier e2e count_closing_line node test/e2e/smoke.mjs
  run_tier designerflows count_closing_line node test/e2e/designer-flows.mjs
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
echo "all: $total_passed passed, $total_failed failed"
((total_failed == 0))
