#!/usr/bin/env bash
# Data benchmark: csv.gz -> customer feature table, `segment data features` side by side with DuckDB doing the same
# ingestion + cleaning + aggregation, alternating, each as a whole process under /usr/bin/time (wall time, peak RSS).
#
#   bench/data/run_benchmark.sh [rounds]      (from the repository root; needs /usr/bin/time, node, npm)
#
# Prints each round and the median of each side. Builds the CLI in Release first and installs DuckDB into
# a scratch folder (DUCKDB_DIR, default /tmp/duck) if it is not there.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
input="data/online_retail.csv.gz"
duck="${DUCKDB_DIR:-/tmp/duck}"

if [ ! -d "$duck/node_modules/@duckdb/node-api" ]; then
  mkdir -p "$duck" && (cd "$duck" && npm install --silent @duckdb/node-api@1.5.6-r.1 >/dev/null)
fi
if ! build_log=$(dotnet build src/Segmentation.Cli -c Release -nologo 2>&1); then
  echo "$build_log" | grep -E "error|Error" >&2
  exit 1
fi
segment="src/Segmentation.Cli/bin/Release/net10.0/segment"

run() { # label, command...
  local label="$1"; shift
  local out
  out=$( { /usr/bin/time -f "TIME %e %M" "$@" >/dev/null; } 2>&1 | grep '^TIME')
  echo "$label ${out#TIME }"
}

results=$(mktemp)
for i in $(seq 1 "$rounds"); do
  run segment "$segment" data features --input "$input" | tee -a "$results"
  run duckdb env NODE_PATH="$duck/node_modules" node bench/data/duckdb_features.mjs "$input" | tee -a "$results"
done

echo "== in-process figures (one run each)"
"$segment" data features --input "$input" | sed -n '2,15p'
NODE_PATH="$duck/node_modules" node bench/data/duckdb_features.mjs "$input"

echo "== median over $rounds rounds (wall seconds, peak RSS MB), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for side in segment duckdb; do
  # Medians of time and of peak RSS, each sorted on its own (mawk has no asort).
  t=$(grep "^$side " "$results" | awk '{ print $2 }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  m=$(grep "^$side " "$results" | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf "%-8s %6.2f s  %6.0f MB\n" "$side" "$t" "$((m / 1024))"
done
rm -f "$results"
