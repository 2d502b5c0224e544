#!/usr/bin/env bash
# `ladder decide --batch` against the same batch code in-process on two threads, in one run:
# LINES scenarios (default 100000, the facts/ scenarios over and over, one JSON object a line).
# Prints both throughputs, their ratio, and the command's peak memory (maximum resident set).
set -euo pipefail
cd "$(dirname "$0")/../.."
lines="${1:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./ladder --version >/dev/null   # builds the jar when needed
java -cp target/ladder-cli.jar src/bench/ToJsonLines.java "$work/one.jsonl"
per="$(wc -l < "$work/one.jsonl")"
: > "$work/batch.jsonl"
for _ in $(seq $(( (lines + per - 1) / per ))); do cat "$work/one.jsonl" >> "$work/batch.jsonl"; done
head -n "$lines" "$work/batch.jsonl" > "$work/lines.jsonl"
inprocess="$(java -Xmx1g -cp target/ladder-cli.jar src/bench/BatchInProcess.java "$work/lines.jsonl")"
start="$(date +%s.%N)"
/usr/bin/time -f '%M' -o "$work/rss" ./ladder decide --batch "$work/lines.jsonl" > /dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 2; }
end="$(date +%s.%N)"
cli="$(echo "$lines / ($end - $start)" | bc -l)"
printf 'lines %d\nin-process (2 threads, warm): %.0f decisions/s\nladder decide --batch:        %.0f decisions/s (whole command, start-up included)\nratio CLI / in-process:       %.2f\npeak memory of the command:   %d MB\n' \
  "$lines" "$inprocess" "$cli" "$(echo "$cli / $inprocess" | bc -l)" "$(( $(cat "$work/rss") / 1024 ))"
