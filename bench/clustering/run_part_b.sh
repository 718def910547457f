#!/usr/bin/env bash
# Times scikit-learn and our part-B clustering code on the same inputs in one run and prints ours / sklearn.
# Usage: bash bench/clustering/run_part_b.sh   (needs Debian's python3-sklearn and the .NET SDK)
set -euo pipefail
cd "$(dirname "$0")/../.."
data=bench/clustering/data_part_b
/usr/bin/python3 bench/clustering/sklearn_bench_part_b.py --data "$data"
export SEGMENTATION_BENCH_PART_B_DATA="$PWD/$data"
dotnet run -c Release --project tests/Segmentation.Benchmarks -- \
  --filter '*SilhouetteBenchmarks*' '*AgglomerativeBenchmarks*' '*DbscanBenchmarks*' \
  --exporters json --artifacts "$data/bdn" > "$data/bdn.log"
/usr/bin/python3 - "$data" <<'PY'
import glob, json, os, sys
data = sys.argv[1]
sk = json.load(open(os.path.join(data, "sklearn_times.json")))["cases"]
names = {
    "SilhouetteLogRfm": "silhouette_log_rfm", "SilhouetteBlobs20k": "silhouette_blobs20k",
    "BuildAndCut(Ward)": "ward_log_rfm", "BuildAndCut(Complete)": "complete_log_rfm",
    "BuildAndCut(Average)": "average_log_rfm", "BuildAndCut(Single)": "single_log_rfm",
    "DbscanLogRfm": "dbscan_log_rfm",
}
ours = {}
for path in glob.glob(os.path.join(data, "bdn", "results", "*-report*.json")):
    for b in json.load(open(path))["Benchmarks"]:
        key = b["Method"] + (f"({b['Parameters'].split('=')[1]})" if b.get("Parameters") else "")
        ours[key] = b["Statistics"]["Median"] / 1e6
        if key not in names:
            names[key] = None
print(f"{'case':28} {'ours ms':>10} {'sklearn ms':>11} {'ratio':>7}")
for key, case in names.items():
    if key not in ours:
        continue
    mine = ours[key]
    theirs = sk.get(case, {}).get("median_ms") if case else None
    ratio = f"{mine / theirs:7.3f}" if theirs else "      -"
    print(f"{key:28} {mine:10.2f} {theirs if theirs else float('nan'):11.2f} {ratio}")
PY
