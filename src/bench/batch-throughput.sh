#!/usr/bin/env bash
# `ladder decide --batch` against the same batch code in-process on two threads, in one run:
# LINES scenarios (default 100000, the facts/ scenarios over and over, one JSON object a line).
# Prints both throughputs, their ratio, the command's peak memory (maximum resident set), and
# the peak of each half of the run, sampled every two seconds: flat memory has equal halves.
# With --cli-only the in-process run is left out (for long runs that measure memory).
set -euo pipefail
cd "$(dirname "$0")/../.."
cli_only=no
if [ "${1:-}" = --cli-only ]; then cli_only=yes; shift; fi
lines="${1:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./ladder --version >/dev/null   # builds the jar when needed
java -cp target/ladder-cli.jar src/bench/ToJsonLines.java "$work/one.jsonl"
per="$(wc -l < "$work/one.jsonl")"
: > "$work/batch.jsonl"
for _ in $(seq $(( (lines + per - 1) / per ))); do cat "$work/one.jsonl" >> "$work/batch.jsonl"; done
head -n "$lines" "$work/batch.jsonl" > "$work/lines.jsonl"
rm "$work/batch.jsonl"
if [ "$cli_only" = no ]; then
  inprocess="$(java -Xmx1g -cp target/ladder-cli.jar src/bench/BatchInProcess.java "$work/lines.jsonl")"
fi
start="$(date +%s.%N)"
LADDER_DAEMON=off /usr/bin/time -f '%M' -o "$work/rss" ./ladder decide --batch "$work/lines.jsonl" > /dev/null 2>"$work/err" &
timer=$!
: > "$work/samples"
while kill -0 "$timer" 2>/dev/null; do
  for pid in $(pgrep -P "$timer" || true); do
    rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
    if [ -n "$rss" ]; then echo "$(date +%s.%N) $rss" >> "$work/samples"; fi
  done
  sleep 2
done
wait "$timer" || { cat "$work/err" >&2; exit 2; }
end="$(date +%s.%N)"
cli="$(echo "$lines / ($end - $start)" | bc -l)"
halves="$(awk -v mid="$(echo "($start + $end) / 2" | bc -l)" \
  '{ if ($1 < mid) { if ($2 > a) a = $2 } else { if ($2 > b) b = $2 } } END { printf "%d MB, then %d MB", a / 1024, b / 1024 }' "$work/samples")"
printf 'lines %d\n' "$lines"
if [ "$cli_only" = no ]; then
  printf 'in-process (2 threads, warm): %.0f decisions/s\n' "$inprocess"
fi
printf 'ladder decide --batch:        %.0f decisions/s (whole command, start-up included)\n' "$cli"
if [ "$cli_only" = no ]; then
  printf 'ratio CLI / in-process:       %.2f\n' "$(echo "$cli / $inprocess" | bc -l)"
fi
printf 'peak memory of the command:   %d MB\npeak resident, each half:     %s\n' "$(( $(cat "$work/rss") / 1024 ))" "$halves"
