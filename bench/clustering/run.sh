#!/usr/bin/env bash
# Times scikit-learn and our KMeans / GMM on the same data in one run and prints the comparison table.
# Usage: bench/clustering/run.sh [repeats]   (needs Debian's python3-sklearn at /usr/bin/python3 and the .NET SDK)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="$here/data"
/usr/bin/python3 "$here/sklearn_bench.py" --data "$data" --repeats "${1:-5}"
SEGMENTATION_BENCH_DATA="$data" dotnet run -c Release --project "$repo/tests/Segmentation.Benchmarks" -- \
  --filter '*ClusteringFitBenchmarks*' --exporters json --artifacts "$data/bdn"
/usr/bin/python3 "$here/compare.py" "$data/sklearn_times.json" "$data/bdn/results"
