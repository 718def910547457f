#!/usr/bin/python3
"""Prints ours-vs-scikit-learn timings from sklearn_bench.py's JSON and BenchmarkDotNet's JSON export."""
import glob
import json
import os
import sys

METHODS = {"kmeans": "KMeansLloyd", "gmm_full": "GmmFull"}


def main(sklearn_json, bdn_dir):
    with open(sklearn_json, encoding="utf-8") as f:
        sk = json.load(f)
    ours = {}
    for path in glob.glob(os.path.join(bdn_dir, "*ClusteringFitBenchmarks*.json")):
        with open(path, encoding="utf-8") as f:
            for b in json.load(f)["Benchmarks"]:
                dataset = b["Parameters"].split("=")[1]
                stats = b["Statistics"]
                ours[(dataset, b["Method"])] = (stats["Median"] / 1e6, stats["Min"] / 1e6)
    print(f"| case | k | ours median ms | sklearn median ms | ratio | ours min ms | sklearn min ms | ratio (min) |")
    print("|---|---|---|---|---|---|---|---|")
    for case in sk["cases"]:
        key = (case["dataset"], METHODS[case["algorithm"]])
        if key not in ours:
            continue
        median, minimum = ours[key]
        print(f"| {case['dataset']} {case['algorithm']} | {case['k']} | {median:.1f} | {case['median_ms']:.1f} | "
              f"{median / case['median_ms']:.2f} | {minimum:.1f} | {case['min_ms']:.1f} | {minimum / case['min_ms']:.2f} |")
    elkan = {k: v for k, v in ours.items() if k[1] == "KMeansElkan"}
    for (dataset, _), (median, minimum) in sorted(elkan.items()):
        print(f"| {dataset} kmeans (ours Elkan) | | {median:.1f} | | | {minimum:.1f} | | |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
