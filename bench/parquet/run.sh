#!/usr/bin/env bash
# Side-by-side Parquet benchmark: our writer/reader (BenchmarkDotNet) against DuckDB's COPY TO / read_parquet,
# same data (data/online_retail.csv.gz, 541,909 rows), same run. Needs the .NET SDK, node and npm.
# Usage: bench/parquet/run.sh [duckdb-threads (default 1)] [duckdb-repeats (default 5)]
# PARQUET_BENCH_PROJECT overrides the benchmark project (default tests/Segmentation.Benchmarks); BenchmarkDotNet
# runs in-process so any project that compiles the Parquet benchmark classes works.
set -euo pipefail
cd "$(dirname "$0")/../.."
threads="${1:-1}"
repeats="${2:-5}"
out="${TMPDIR:-/tmp}/segmentation-parquet-bench"
rm -rf "$out"
mkdir -p "$out"

echo "== ours: BenchmarkDotNet (short job)" >&2
PARQUET_BENCH_OUT="$out" PARQUET_BENCH_DATA="$PWD/data/online_retail.csv.gz" \
  dotnet run -c Release --project "${PARQUET_BENCH_PROJECT:-tests/Segmentation.Benchmarks}" -- \
  --filter '*ParquetBenchmarks*' --job short --inProcess --exporters fulljson --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 \
  || { tail -50 "$out/bdn.log" >&2; exit 1; }

echo "== DuckDB: @duckdb/node-api" >&2
package="@duckdb/node-api@1.5.6-r.1"
node_dir="${TMPDIR:-/tmp}/segmentation-parquet-duckdb/_duckdb_node-api_1.5.6-r.1"
mkdir -p "$node_dir"
if [ ! -f "$node_dir/node_modules/@duckdb/node-api/package.json" ]; then
  [ -f "$node_dir/package.json" ] || echo '{"name":"segmentation-parquet-duckdb","private":true}' >"$node_dir/package.json"
  (cd "$node_dir" && npm install --no-audit --no-fund "$package" >&2)
fi
cp bench/parquet/duckdb-bench.mjs bench/parquet/report.mjs "$node_dir/"
node "$node_dir/duckdb-bench.mjs" "$PWD/data/online_retail.csv.gz" "$out" "$repeats" "$threads" >"$out/duckdb.json"

node "$node_dir/report.mjs" "$out"
