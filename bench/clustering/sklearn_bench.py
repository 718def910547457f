#!/usr/bin/python3
"""Times scikit-learn on the clustering benchmark data and writes that data for the .NET benchmarks to read.

Run with Debian's python3 (python3-sklearn): /usr/bin/python3 bench/clustering/sklearn_bench.py [--data DIR] [--repeats N]
Writes DIR/log_rfm.csv and DIR/blobs_200000x8.csv (headerless, full precision) unless present, then
DIR/sklearn_times.json with the median wall time of each case. bench/clustering/run.sh runs this and the
BenchmarkDotNet suite in one go and prints the comparison table.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "Segmentation.Clustering.Tests", "Fixtures", "sklearn_part_a"))
from generate import log_rfm  # noqa: E402  (same feature definition as the parity fixtures)

# Benchmark cases: (dataset, algorithm, k). The .NET side (ClusteringBenchmarks) runs the same list.
CASES = [
    ("log_rfm", "kmeans", 5),
    ("log_rfm", "gmm_full", 5),
    ("blobs_200000x8", "kmeans", 8),
    ("blobs_200000x8", "gmm_full", 8),
]


def write_data(directory):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "log_rfm.csv")
    if not os.path.exists(path):
        np.savetxt(path, log_rfm(), delimiter=",", fmt="%.17g")
    path = os.path.join(directory, "blobs_200000x8.csv")
    if not os.path.exists(path):
        x, _ = make_blobs(n_samples=200_000, n_features=8, centers=8, cluster_std=1.5, random_state=42)
        np.savetxt(path, x, delimiter=",", fmt="%.17g")


def fit(algorithm, x, k, seed):
    if algorithm == "kmeans":
        # scikit-learn 1.2 defaults except n_init stated explicitly (10, the 1.2 default).
        return KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x)
    return GaussianMixture(n_components=k, covariance_type="full", random_state=seed).fit(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(HERE, "data"))
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    write_data(args.data)
    results = {"sklearn": sklearn.__version__, "numpy": np.__version__, "cpus": os.cpu_count(), "cases": []}
    for dataset, algorithm, k in CASES:
        x = np.loadtxt(os.path.join(args.data, dataset + ".csv"), delimiter=",")
        fit(algorithm, x, k, 0)  # warm-up (imports, OpenMP pool)
        times = []
        for r in range(args.repeats):
            start = time.perf_counter()
            model = fit(algorithm, x, k, r)
            times.append(time.perf_counter() - start)
        quality = model.inertia_ if algorithm == "kmeans" else model.score(x)
        case = {"dataset": dataset, "algorithm": algorithm, "k": k, "rows": x.shape[0], "cols": x.shape[1],
                "median_ms": 1000 * statistics.median(times), "min_ms": 1000 * min(times), "quality": quality}
        results["cases"].append(case)
        print(f"{dataset:16} {algorithm:9} k={k}: median {case['median_ms']:9.1f} ms  (min {case['min_ms']:.1f})  "
              f"{'inertia' if algorithm == 'kmeans' else 'score'}={quality:.6g}", file=sys.stderr)
    with open(os.path.join(args.data, "sklearn_times.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
