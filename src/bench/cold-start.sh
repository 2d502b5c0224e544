#!/usr/bin/env bash
# Times cold starts over many runs and prints medians and ratios against the JVM floor:
#   floor      a plain JVM start (java -version, same flags)
#   version    ./ladder --version (JVM + the program, no rules)
#   cached     ./ladder decide on an unchanged rule base (compiled packages and class-data archive reused)
#   edited     ./ladder decide after a rule edit (every run edits a parameter, so the rules recompile)
# Usage: src/bench/cold-start.sh [RUNS]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-11}"
scenario=facts/seed004-error-summarizer-10k.yaml
./ladder --version >/dev/null   # builds the jar and the class-data archive if needed
./ladder decide "$scenario" >/dev/null   # fills the compiled-rules cache

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

edited="$(mktemp -d)"
trap 'rm -rf "$edited"' EXIT
cp rules/* "$edited/"

floor=$(for _ in $(seq "$runs"); do time_ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version; done | median)
version=$(for _ in $(seq "$runs"); do time_ms ./ladder --version; done | median)
cached=$(for _ in $(seq "$runs"); do time_ms ./ladder decide "$scenario"; done | median)
edit=$(for i in $(seq "$runs"); do
  sed -i "s/^  value: 2000$/  value: 2000.$i/; s/^  value: 2000\.[0-9]*$/  value: 2000.$i/" "$edited/parameters.yaml"
  time_ms ./ladder decide --rules "$edited" "$scenario"
done | median)

printf '%-32s %6s ms\n' "JVM floor (java -version)" "$floor" "ladder --version" "$version" \
  "decide, cached rule base" "$cached" "decide, after a rule edit" "$edit"
awk -v f="$floor" -v v="$version" -v c="$cached" -v e="$edit" 'BEGIN {
  printf "cached / JVM floor:        %.2fx\n", c / f
  printf "edited / JVM floor:        %.2fx\n", e / f
  printf "cached / ladder --version: %.2fx\n", c / v
  printf "edited / cached:           %.2fx\n", e / c
}'
