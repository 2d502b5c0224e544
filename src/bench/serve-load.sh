#!/usr/bin/env bash
# Load on `ladder serve` over loopback: CLIENTS concurrent clients for SECONDS (default 16 and
# 30), posting the scenarios in facts/. Prints throughput and p50/p99 latency, then checks that
# the log holds every decision answered, once, and that its chain verifies. With a
# jdbc:postgresql: URL as third argument, the decisions go to that store instead of a file.
set -euo pipefail
cd "$(dirname "$0")/../.."
clients="${1:-16}"
seconds="${2:-30}"
store="${3:-}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
./ladder --version >/dev/null   # builds the jar when needed
if [ -n "$store" ]; then where=(--store "$store"); log="$store"; else log="$work/log.jsonl"; where=(--log "$log"); fi
LADDER_DAEMON=off java -Xmx512m -jar target/ladder-cli.jar serve --port 0 "${where[@]}" 2>"$work/serve.log" &
server=$!
for _ in $(seq 600); do
  port="$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve.log")"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; exit 2; }
java src/bench/ServeLoad.java "http://127.0.0.1:$port" "$clients" "$seconds" "$work/ids"
kill "$server"; wait "$server" 2>/dev/null || true
answered="$(wc -l < "$work/ids")"
logged="$(java -jar target/ladder-cli.jar log list "$log" | awk '{print $2}' | sort)"
missing="$(sort "$work/ids" | comm -23 - <(printf '%s\n' "$logged") | wc -l)"
twice="$(printf '%s\n' "$logged" | uniq -d | wc -l)"
echo "answered $answered, logged $(printf '%s\n' "$logged" | grep -c .), answered but not logged $missing, logged twice $twice"
java -jar target/ladder-cli.jar log verify "$log"
