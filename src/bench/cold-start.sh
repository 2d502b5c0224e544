#!/usr/bin/env bash
# Times cold starts over many runs and prints medians and ratios against the JVM floor:
#   floor          a plain JVM start (java -version, same flags)
#   version        ./ladder --version in its own process (JVM + the program, no rules)
#   cached         ./ladder decide on an unchanged rule base, answered by the daemon once settled (40 commands in)
#   cached alone   the same in its own process (LADDER_DAEMON=off): compiled packages and class-data archive reused
#   param edit     ./ladder decide after a parameter edit, by the daemon (every run edits parameters.yaml)
#   rule edit      ./ladder decide after a rule edit, by the daemon (every run edits a rule's reason)
#   rule edit alone  the same in its own process
# Usage: src/bench/cold-start.sh [RUNS]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-11}"
scenario=facts/seed004-error-summarizer-10k.yaml
state="$(mktemp -d)"
export XDG_RUNTIME_DIR="$state/run" LADDER_CACHE_DIR="$state/cache"
trap './ladder daemon stop >/dev/null 2>&1 || true; rm -rf "$state"' EXIT

./ladder --version >/dev/null   # builds the jar and the class-data archive if needed
./ladder decide "$scenario" >/dev/null   # fills the compiled-rules cache and starts the daemon
until ./ladder daemon status | grep -q ' serves '; do sleep 0.5; done
# a new daemon keeps compiling hot code for a while; time it once it has settled
for _ in $(seq 40); do ./ladder decide "$scenario" >/dev/null; done
sleep 3

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
alone() { LADDER_DAEMON=off "$@"; }

edited="$state/rules"
mkdir "$edited"
cp rules/* "$edited/"
edit_parameter() { sed -i -E "0,/^  value: 2000(\.[0-9]+)?$/s//  value: 2000.$1/" "$edited/parameters.yaml"; }
edit_rule() { sed -i -E "0,/@reason\\(\"(\\[edit [0-9]+\\] )?/s//@reason(\"[edit $1] /" "$edited/escalation.drl"; }

floor=$(for _ in $(seq "$runs"); do time_ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version; done | median)
version=$(for _ in $(seq "$runs"); do time_ms alone ./ladder --version; done | median)
cached=$(for _ in $(seq "$runs"); do time_ms ./ladder decide "$scenario"; done | median)
cached_alone=$(for _ in $(seq "$runs"); do time_ms alone ./ladder decide "$scenario"; done | median)
param=$(for i in $(seq "$runs"); do edit_parameter "$i"; time_ms ./ladder decide --rules "$edited" "$scenario"; done | median)
rule=$(for i in $(seq "$runs"); do edit_rule "1$i"; time_ms ./ladder decide --rules "$edited" "$scenario"; done | median)
rule_alone=$(for i in $(seq "$runs"); do edit_rule "2$i"; time_ms alone ./ladder decide --rules "$edited" "$scenario"; done | median)

printf '%-44s %6s ms\n' "JVM floor (java -version)" "$floor" "ladder --version, own process" "$version" \
  "decide, cached rule base, daemon" "$cached" "decide, cached rule base, own process" "$cached_alone" \
  "decide after a parameter edit, daemon" "$param" "decide after a rule edit, daemon" "$rule" \
  "decide after a rule edit, own process" "$rule_alone"
awk -v f="$floor" -v c="$cached" -v ca="$cached_alone" -v p="$param" -v r="$rule" -v ra="$rule_alone" 'BEGIN {
  printf "cached / JVM floor:                  %.2fx  (own process %.2fx)\n", c / f, ca / f
  printf "parameter edit / JVM floor:          %.2fx\n", p / f
  printf "rule edit / JVM floor:               %.2fx  (own process %.2fx)\n", r / f, ra / f
}'
