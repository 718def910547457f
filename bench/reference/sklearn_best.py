#!/usr/bin/env python3
"""scikit-learn's best eligible KMeans silhouette on the customer feature table, under a sweep config's constraints.

The reference for configs/kmeans.yaml (issue 12, section 4): the tool's best eligible trial must score a silhouette no
lower than this on the same features, scalers, reductions and k range. Cleaning and feature building are not redone in
Python; the script reads the table the tool exports (`segment data features --out customers.csv`).

    python3 bench/reference/sklearn_best.py --csv customers.csv \
        --features recency_days,frequency,monetary --scalers log1p+standard,log1p+robust \
        --reductions none,pca3 --k 4:8 --n-init 10 --min-cluster-fraction 0.05 \
        --bootstraps 20 --min-stability 0.9 --out tests/.../sklearn_best.json

Stability follows the tool (Hennig 2007): each trial is refitted on B bootstrap resamples of the customers in its
preprocessed space, each refit predicts every customer, and the adjusted Rand index against the trial's own labels is
averaged. Only trials meeting min_k/max_k/min_cluster_fraction get the (costly) stability check.
Requires Debian's python3-sklearn and python3-pandas; tests never run it, they read its committed output.
"""
import argparse
import json
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, MinMaxScaler, PowerTransformer, RobustScaler,
                                   StandardScaler)

STEPS = {
    "none": lambda: FunctionTransformer(),
    "log1p": lambda: FunctionTransformer(np.log1p),
    "standard": StandardScaler,
    "robust": RobustScaler,
    "minmax": MinMaxScaler,
    "maxabs": MaxAbsScaler,
    "power": lambda: PowerTransformer(method="yeo-johnson", standardize=True),
}


def preprocess(x, scaler, reduction):
    steps = [STEPS[s]() for s in scaler.split("+")]
    if reduction != "none":
        # pcaN: N components, as `pca: {components: N}` in a sweep config.
        steps.append(PCA(n_components=int(reduction[3:])))
    return make_pipeline(*steps).fit_transform(x)


def stability(z, k, n_init, seed, labels, bootstraps):
    rng = np.random.default_rng(seed)
    scores = []
    for b in range(bootstraps):
        rows = rng.integers(0, len(z), len(z))
        refit = KMeans(n_clusters=k, n_init=n_init, random_state=seed + b + 1).fit(z[rows])
        scores.append(adjusted_rand_score(labels, refit.predict(z)))
    return float(np.mean(scores)), float(np.min(scores))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--csv", required=True)
    p.add_argument("--features", required=True, help="comma-separated columns")
    p.add_argument("--scalers", required=True, help="comma-separated scalers or chains (log1p+standard)")
    p.add_argument("--reductions", default="none", help="comma-separated: none, pca3, ...")
    p.add_argument("--k", default="4:8", help="from:to, inclusive")
    p.add_argument("--n-init", type=int, default=10)
    p.add_argument("--min-cluster-fraction", type=float, default=0.05)
    p.add_argument("--bootstraps", type=int, default=20)
    p.add_argument("--min-stability", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", help="write the JSON here as well as to stdout")
    a = p.parse_args()

    table = pd.read_csv(a.csv)
    features = a.features.split(",")
    x = table[features].to_numpy(dtype=float)
    k_from, k_to = (int(v) for v in a.k.split(":"))
    trials = []
    for scaler in a.scalers.split(","):
        for reduction in a.reductions.split(","):
            z = preprocess(x, scaler, reduction)
            for k in range(k_from, k_to + 1):
                model = KMeans(n_clusters=k, n_init=a.n_init, random_state=a.seed).fit(z)
                labels = model.labels_
                min_fraction = float(np.bincount(labels, minlength=k).min() / len(labels))
                trial = {
                    "scaler": scaler, "reduction": reduction, "k": k,
                    "silhouette": float(silhouette_score(z, labels)),
                    "inertia": float(model.inertia_),
                    "min_cluster_fraction": min_fraction,
                }
                if min_fraction >= a.min_cluster_fraction:
                    mean, low = stability(z, k, a.n_init, a.seed, labels, a.bootstraps)
                    trial["stability_ari_mean"], trial["stability_ari_min"] = mean, low
                trial["eligible"] = min_fraction >= a.min_cluster_fraction and trial.get("stability_ari_mean", -1) >= a.min_stability
                trials.append(trial)
                print(f"{scaler:>16} {reduction:>5} k={k}: silhouette {trial['silhouette']:.4f}, min share {min_fraction:.3f}, "
                      f"stability {trial.get('stability_ari_mean', float('nan')):.3f}, eligible {trial['eligible']}", file=sys.stderr)
    eligible = [t for t in trials if t["eligible"]]
    best = max(eligible, key=lambda t: t["silhouette"]) if eligible else None
    result = {
        "sklearn_version": sklearn.__version__,
        "csv_rows": len(table),
        "features": features,
        "scalers": a.scalers.split(","),
        "reductions": a.reductions.split(","),
        "k": [k_from, k_to],
        "n_init": a.n_init,
        "constraints": {"min_k": k_from, "max_k": k_to, "min_cluster_fraction": a.min_cluster_fraction,
                        "min_stability": a.min_stability, "bootstraps": a.bootstraps},
        "best_eligible": best,
        "trials": trials,
    }
    text = json.dumps(result, indent=2) + "\n"
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
