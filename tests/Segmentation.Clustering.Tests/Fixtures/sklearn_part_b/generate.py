#!/usr/bin/python3
"""Generates the scikit-learn reference fixtures for Segmentation.Clustering part B.

Run from the repository root with Debian's packages (python3-sklearn, python3-pandas):

    /usr/bin/python3 tests/Segmentation.Clustering.Tests/Fixtures/sklearn_part_b/generate.py

Writes one JSON file per input matrix (the matrix, then agglomerative labels per linkage and k, DBSCAN
labels and core samples, metric values for several labelings, adjusted Rand indices) and kneedle.json.
Floats are written with Python's repr, which round-trips exactly through System.Text.Json.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score,
                             silhouette_samples, silhouette_score)
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
DATASET = os.path.join(REPO, "data", "online_retail.csv.gz")


def log_rfm_standardised():
    """Log-RFM per customer from the shipped dataset, standardised (rows ordered by CustomerID)."""
    df = pd.read_csv(DATASET, dtype={"InvoiceNo": str, "StockCode": str, "Description": str,
                                     "Country": str}, keep_default_na=False, na_values={"CustomerID": [""]})
    df = df[df["CustomerID"].notna()]
    df = df.drop_duplicates()
    df = df[df["StockCode"].str.match(r"^\d{5}")]
    df = df[df["UnitPrice"] > 0]
    is_return = df["InvoiceNo"].str.startswith("C")
    df = df[is_return | (df["Quantity"] > 0)]
    df = df.assign(InvoiceDate=pd.to_datetime(df["InvoiceDate"]), IsReturn=df["InvoiceNo"].str.startswith("C"),
                   Amount=df["Quantity"] * df["UnitPrice"])
    reference = df["InvoiceDate"].max() + pd.Timedelta(days=1)
    purchases = df[~df["IsReturn"]]
    last = purchases.groupby("CustomerID")["InvoiceDate"].max()
    frequency = purchases.groupby("CustomerID")["InvoiceNo"].nunique()
    monetary = df.groupby("CustomerID")["Amount"].sum()
    rfm = pd.DataFrame({"recency": (reference - last).dt.days, "frequency": frequency})
    rfm = rfm.join(monetary.rename("monetary"), how="inner")
    rfm = rfm[rfm["monetary"] > 0].sort_index()
    features = np.log1p(rfm[["recency", "frequency", "monetary"]].to_numpy(dtype=float))
    return StandardScaler().fit_transform(features)


def relabel(labels):
    return [int(v) for v in labels]


def davies_bouldin_exact(x, labels):
    """davies_bouldin_score's definition with distances taken as norms of differences.

    scikit-learn computes point-to-centroid distances as sqrt(|x|^2 - 2 x.c + |c|^2), which rounds a singleton's
    zero distance to its own centroid up to about 1e-8; this reference is what an exact computation gives.
    """
    classes = np.unique(labels)
    centroids = np.stack([x[labels == c].mean(axis=0) for c in classes])
    intra = np.array([np.linalg.norm(x[labels == c] - centroids[i], axis=1).mean() for i, c in enumerate(classes)])
    between = np.linalg.norm(centroids[:, None, :] - centroids[None, :, :], axis=2)
    if np.allclose(intra, 0) or np.allclose(between, 0):
        return 0.0
    between[between == 0] = np.inf
    return float(np.mean(np.max((intra[:, None] + intra) / between, axis=1)))


def metric_case(name, x, labels, with_samples):
    labels = np.asarray(labels)
    case = {"name": name, "labels": relabel(labels)}
    kept = labels != -1
    xs, ls = x[kept], labels[kept]
    case["silhouette"] = float(silhouette_score(xs, ls))
    if with_samples:
        case["silhouette_samples"] = [float(v) for v in silhouette_samples(xs, ls)]
    case["davies_bouldin"] = float(davies_bouldin_score(xs, ls))
    case["davies_bouldin_exact"] = davies_bouldin_exact(xs, ls)
    case["calinski_harabasz"] = float(calinski_harabasz_score(xs, ls))
    means = np.stack([xs[ls == c].mean(axis=0) for c in np.unique(ls)])
    index = np.searchsorted(np.unique(ls), ls)
    case["inertia"] = float(((xs - means[index]) ** 2).sum())
    return case


def build(name, x, ks, dbscan_params, with_samples):
    out = {"name": name, "rows": int(x.shape[0]), "cols": int(x.shape[1]),
           "data": [float(v) for v in x.ravel()], "agglomerative": [], "dbscan": [], "metrics": [], "ari": []}
    labelings = {}
    for linkage in ("ward", "complete", "average", "single"):
        for k in ks:
            labels = AgglomerativeClustering(n_clusters=k, linkage=linkage).fit_predict(x)
            out["agglomerative"].append({"linkage": linkage, "k": k, "labels": relabel(labels)})
            labelings[f"{linkage}-k{k}"] = labels
    for k in ks:
        labelings[f"kmeans-k{k}"] = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)
    for eps, min_samples in dbscan_params:
        model = DBSCAN(eps=eps, min_samples=min_samples).fit(x)
        out["dbscan"].append({"eps": eps, "min_samples": min_samples, "labels": relabel(model.labels_),
                              "core": [int(v) for v in model.core_sample_indices_]})
        if len(set(model.labels_) - {-1}) >= 2:
            labelings[f"dbscan-eps{eps}-m{min_samples}"] = model.labels_
    for label_name, labels in labelings.items():
        kept = labels[labels != -1]
        if 2 <= len(np.unique(kept)) <= len(kept) - 1:
            out["metrics"].append(metric_case(label_name, x, labels, with_samples))
    names = sorted(labelings)
    for i, a in enumerate(names):
        for b in names[i + 1:i + 4]:
            out["ari"].append({"a": relabel(labelings[a]), "b": relabel(labelings[b]),
                               "ari": float(adjusted_rand_score(labelings[a], labelings[b]))})
    with open(os.path.join(HERE, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"))
    print(name, x.shape, len(out["metrics"]), "labelings", file=sys.stderr)


def kneedle(x, y, s):
    """Kneedle (Satopaa et al. 2011) for a convex, decreasing curve, offline, as the kneed package does it."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    xn = (x - x.min()) / (x.max() - x.min())
    yn = (y - y.min()) / (y.max() - y.min())
    yn = yn.max() - yn
    yd = yn - xn
    n = len(yd)
    pad = np.concatenate(([yd[0]], yd, [yd[-1]]))
    maxima = [i for i in range(n) if yd[i] >= pad[i] and yd[i] >= pad[i + 2]]
    minima = [i for i in range(n) if yd[i] <= pad[i] and yd[i] <= pad[i + 2]]
    if not maxima:
        return None
    step = abs(np.diff(xn).mean())
    thresholds = {m: yd[m] - s * step for m in maxima}
    threshold, threshold_index = None, None
    for i in range(maxima[0], n - 1):
        if i in thresholds:
            threshold, threshold_index = thresholds[i], i
        if i in minima:
            threshold = 0.0
        if yd[i + 1] < threshold:
            return float(x[threshold_index])
    return None


def kneedle_cases():
    rng = np.random.default_rng(11)
    curves = [
        ("hyperbola", list(range(1, 11)), [10.0 / k for k in range(1, 11)]),
        ("paper-1/x", [0.1 * i for i in range(1, 11)], [1.0 / (0.1 * i) for i in range(1, 11)]),
        ("exp-decay", list(range(2, 16)), [float(np.exp(-0.6 * k)) * 1000 + 5 for k in range(2, 16)]),
        ("sharp-elbow", list(range(2, 11)), [1000.0, 400.0, 150.0, 140.0, 131.0, 123.0, 116.0, 110.0, 105.0]),
        ("straight-line", list(range(2, 11)), [100.0 - 10 * k for k in range(2, 11)]),
        ("noisy", list(range(2, 14)), [float(500 / k + rng.normal(0, 3)) for k in range(2, 14)]),
    ]
    cases = []
    for name, x, y in curves:
        for s in (0.5, 1.0, 3.0):
            cases.append({"name": name, "x": [float(v) for v in x], "y": [float(v) for v in y], "s": s,
                          "knee": kneedle(x, y, s)})
    with open(os.path.join(HERE, "kneedle.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": cases}, f, indent=1)


def main():
    print("scikit-learn", sklearn.__version__, file=sys.stderr)
    ks = [2, 3, 4, 5, 8]
    x, _ = make_blobs(n_samples=300, centers=4, n_features=2, random_state=1)
    build("blobs_300x2", x, ks, [(0.5, 5), (0.8, 10), (1.5, 3)], True)
    x, _ = make_blobs(n_samples=600, centers=6, n_features=5, cluster_std=[0.5, 1.0, 1.5, 2.0, 0.8, 1.2],
                      random_state=7)
    build("blobs_600x5", x, ks, [(1.0, 5), (2.0, 10), (2.5, 20)], True)
    x, _ = make_blobs(n_samples=250, centers=3, n_features=3, cluster_std=2.5, random_state=3)
    build("blobs_250x3_overlap", x, ks, [(1.0, 4), (1.5, 8)], True)
    x, _ = make_blobs(n_samples=400, centers=3, n_features=2, random_state=170)
    x = x @ np.array([[0.6, -0.6], [-0.4, 0.8]])
    build("aniso_400x2", x, ks, [(0.3, 5), (0.5, 10)], True)
    build("log_rfm", log_rfm_standardised(), [2, 3, 4, 6, 10], [(0.3, 10), (0.5, 5), (0.2, 4)], False)
    kneedle_cases()


if __name__ == "__main__":
    main()
