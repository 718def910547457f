#!/usr/bin/python3
"""Times scikit-learn on the part-B clustering benchmarks (silhouette, agglomerative, DBSCAN).

Run with Debian's python3 (python3-sklearn): /usr/bin/python3 bench/clustering/sklearn_bench_part_b.py [--data DIR] [--repeats N]
Inputs are the ones the .NET benchmarks read: the log-RFM matrix and KMeans k=4 labels of the committed parity
fixture (tests/Segmentation.Clustering.Tests/Fixtures/sklearn_part_b/log_rfm.json), and a 20,000-row sample of
make_blobs(200,000 x 8, 8 centres, cluster_std=1.5, random_state=42), written to DIR/blobs20k_x.csv and
DIR/blobs20k_labels.csv for the .NET side. Writes DIR/sklearn_times.json (median wall time per case).
bench/clustering/run_part_b.sh runs this and the BenchmarkDotNet classes in one go and prints the table.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "..", "tests", "Segmentation.Clustering.Tests", "Fixtures", "sklearn_part_b", "log_rfm.json")


def load_log_rfm():
    with open(FIXTURE, encoding="utf-8") as f:
        raw = json.load(f)
    x = np.array(raw["data"]).reshape(raw["rows"], raw["cols"])
    labels = np.array(next(m["labels"] for m in raw["metrics"] if m["name"] == "kmeans-k4"))
    return x, labels


def blobs_sample(directory):
    x_path = os.path.join(directory, "blobs20k_x.csv")
    y_path = os.path.join(directory, "blobs20k_labels.csv")
    if not os.path.exists(x_path):
        x, y = make_blobs(n_samples=200_000, n_features=8, centers=8, cluster_std=1.5, random_state=42)
        # make_blobs shuffles its rows, so the first 20,000 are a random sample.
        np.savetxt(x_path, x[:20_000], delimiter=",", fmt="%.17g")
        np.savetxt(y_path, y[:20_000], fmt="%d")
    return np.loadtxt(x_path, delimiter=","), np.loadtxt(y_path, dtype=int)


def timed(fn, repeats):
    """Median and minimum wall time, and mean process CPU time (steadier than wall time on a busy machine), in ms."""
    fn()  # warm-up
    times = []
    cpu_start = time.process_time()
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    cpu = (time.process_time() - cpu_start) / repeats
    return 1000 * statistics.median(times), 1000 * min(times), 1000 * cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(HERE, "data_part_b"))
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    os.makedirs(args.data, exist_ok=True)
    x, labels = load_log_rfm()
    bx, by = blobs_sample(args.data)
    cases = {
        "silhouette_log_rfm": lambda: silhouette_score(x, labels),
        "silhouette_blobs20k": lambda: silhouette_score(bx, by),
        "ward_log_rfm": lambda: AgglomerativeClustering(n_clusters=4, linkage="ward").fit(x),
        "complete_log_rfm": lambda: AgglomerativeClustering(n_clusters=4, linkage="complete").fit(x),
        "average_log_rfm": lambda: AgglomerativeClustering(n_clusters=4, linkage="average").fit(x),
        "single_log_rfm": lambda: AgglomerativeClustering(n_clusters=4, linkage="single").fit(x),
        "dbscan_log_rfm": lambda: DBSCAN(eps=0.3, min_samples=10).fit(x),
    }
    results = {"sklearn": sklearn.__version__, "numpy": np.__version__, "cpus": os.cpu_count(), "cases": {}}
    for name, fn in cases.items():
        repeats = 3 if "blobs20k" in name else args.repeats
        median, best, cpu = timed(fn, repeats)
        results["cases"][name] = {"median_ms": median, "min_ms": best, "cpu_ms": cpu}
        print(f"{name:22} median {median:9.1f} ms  (min {best:.1f}, cpu {cpu:.1f})", file=sys.stderr)
    with open(os.path.join(args.data, "sklearn_times.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
