#!/usr/bin/python3
"""Generates scikit-learn reference results for Segmentation.Clustering part A (scalers, PCA, KMeans, GMM).

Run with Debian's python3 (python3-sklearn 1.2, python3-pandas) and numpy's AVX-512 loops disabled:
    NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL" \
        /usr/bin/python3 tests/Segmentation.Clustering.Tests/Fixtures/sklearn_part_a/generate.py
The variable (numpy >= 1.22) makes np.log1p/np.power/np.log the C library's, as .NET's Math is: numpy's AVX-512
versions round differently and move the Yeo-Johnson lambdas by ~1e-8 (../sklearn_part_c/power_spread.py).
Writes one compact JSON file per dataset next to this script. Never run at test time.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters
from sklearn.preprocessing import (MaxAbsScaler, MinMaxScaler, PowerTransformer, RobustScaler,
                                   StandardScaler)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
DATA = os.path.join(REPO, "data", "online_retail.csv.gz")
HEAD_ROWS = 25  # transformed rows stored per scaler / PCA (parameters are stored in full)


def log_rfm(path=DATA):
    """Log-RFM features of the shipped Online Retail data (cleaning rules of the issue)."""
    df = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str},
                     parse_dates=["InvoiceDate"])
    df = df.dropna(subset=["CustomerID"]).drop_duplicates()
    df = df[df["StockCode"].str.match(r"^\d{5}")]
    df = df[df["UnitPrice"] > 0]
    cancel = df["InvoiceNo"].str.startswith("C")
    df = df[cancel | (df["Quantity"] > 0)]
    cancel = df["InvoiceNo"].str.startswith("C")
    reference = df["InvoiceDate"].max() + pd.Timedelta(days=1)
    df = df.assign(amount=df["Quantity"] * df["UnitPrice"])
    purchases = df[~cancel]
    last = purchases.groupby("CustomerID")["InvoiceDate"].max()
    frequency = purchases.groupby("CustomerID")["InvoiceNo"].nunique()
    monetary = df.groupby("CustomerID")["amount"].sum()
    rfm = pd.DataFrame({"recency": (reference - last).dt.days, "frequency": frequency})
    rfm = rfm.join(monetary.rename("monetary"), how="inner")
    rfm = rfm[(rfm["frequency"] > 0) & (rfm["monetary"] > 0)].sort_index()
    return np.log1p(rfm[["recency", "frequency", "monetary"]].to_numpy(dtype=np.float64))


def datasets():
    x, _ = make_blobs(n_samples=300, centers=4, n_features=2, random_state=0)
    yield "blobs_small", x
    x, _ = make_blobs(n_samples=1000, centers=5, n_features=5, cluster_std=[0.5, 1.0, 1.5, 2.0, 1.0],
                      random_state=1)
    yield "blobs_5d", x
    x, _ = make_blobs(n_samples=500, centers=3, random_state=170)
    yield "aniso", x @ np.array([[0.6, -0.6], [-0.4, 0.8]])
    yield "log_rfm", log_rfm()


def scalers(x):
    out = {}
    nonneg = x - x.min(axis=0)  # log1p needs x >= 0: scalers see the data shifted to a zero minimum
    s = StandardScaler().fit(x)
    out["standard"] = {"input": "x", "offset": s.mean_, "scale": s.scale_, "head": s.transform(x[:HEAD_ROWS])}
    s = RobustScaler().fit(x)
    out["robust"] = {"input": "x", "offset": s.center_, "scale": s.scale_, "head": s.transform(x[:HEAD_ROWS])}
    s = MinMaxScaler().fit(x)
    out["minmax"] = {"input": "x", "offset": s.data_min_, "scale": s.data_range_, "head": s.transform(x[:HEAD_ROWS])}
    s = MaxAbsScaler().fit(x)
    out["maxabs"] = {"input": "x", "offset": np.zeros(x.shape[1]), "scale": s.scale_, "head": s.transform(x[:HEAD_ROWS])}
    lg = np.log1p(nonneg)
    out["log1p"] = {"input": "shifted", "offset": np.zeros(x.shape[1]), "scale": np.ones(x.shape[1]), "head": lg[:HEAD_ROWS]}
    s = StandardScaler().fit(lg)
    out["log1p+standard"] = {"input": "shifted", "offset": s.mean_, "scale": s.scale_, "head": s.transform(lg[:HEAD_ROWS])}
    p = PowerTransformer(method="yeo-johnson", standardize=True).fit(x)
    out["power"] = {"input": "x", "lambdas": p.lambdas_, "offset": p._scaler.mean_, "scale": p._scaler.scale_,
                    "head": p.transform(x[:HEAD_ROWS])}
    return out


def pca(x):
    out = {}
    for name, n_components, whiten in (("all", None, False), ("threshold0.9", 0.9, False), ("two_whiten", 2, True)):
        p = PCA(n_components=n_components, whiten=whiten, svd_solver="full").fit(x)
        out[name] = {"n_components": n_components, "whiten": whiten, "mean": p.mean_, "components": p.components_,
                     "explained_variance": p.explained_variance_, "ratio": p.explained_variance_ratio_,
                     "head": p.transform(x[:HEAD_ROWS])}
    return out


def initial_rows(n, k, seed):
    return np.random.RandomState(seed).choice(n, size=k, replace=False)


def kmeans(x):
    out = []
    for k in (3, 5):
        rows = initial_rows(x.shape[0], k, 1000 + k)
        init = x[rows]
        case = {"k": k, "initial_rows": rows, "runs": {}}
        for algorithm in ("lloyd", "elkan"):
            km = KMeans(n_clusters=k, init=init, n_init=1, algorithm=algorithm).fit(x)
            case["runs"][algorithm] = {"inertia": km.inertia_, "n_iter": km.n_iter_, "centers": km.cluster_centers_}
        best = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
        case["best_of_10"] = {"inertia": best.inertia_}
        out.append(case)
    return out


def precisions_from_covariances(cov, covariance_type):
    if covariance_type == "full":
        return np.array([np.linalg.inv(c) for c in cov])
    if covariance_type == "tied":
        return np.linalg.inv(cov)
    return 1.0 / cov


def gmm(x):
    out = []
    k = 3
    labels = KMeans(n_clusters=k, init=x[initial_rows(x.shape[0], k, 2000)], n_init=1).fit(x).labels_
    resp = np.zeros((x.shape[0], k))
    resp[np.arange(x.shape[0]), labels] = 1
    for covariance_type in ("full", "tied", "diag", "spherical"):
        weights, means, cov = _estimate_gaussian_parameters(x, resp, 1e-6, covariance_type)
        weights /= x.shape[0]
        precisions = precisions_from_covariances(cov, covariance_type)
        g = GaussianMixture(n_components=k, covariance_type=covariance_type, weights_init=weights,
                            means_init=means, precisions_init=precisions, random_state=0).fit(x)
        out.append({"k": k, "covariance_type": covariance_type,
                    "weights_init": weights, "means_init": means, "precisions_init": precisions,
                    "lower_bound": g.lower_bound_, "n_iter": g.n_iter_, "converged": bool(g.converged_),
                    "score": g.score(x), "bic": g.bic(x), "aic": g.aic(x),
                    "weights": g.weights_, "means": g.means_,
                    "proba_head": g.predict_proba(x[:HEAD_ROWS]), "labels_head": g.predict(x[:HEAD_ROWS])})
    return out


def to_json(value):
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, np.ndarray):
        return to_json(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    return value


def main():
    for name, x in datasets():
        shifted = x - x.min(axis=0)
        doc = {"generator": "generate.py", "sklearn": sklearn.__version__, "numpy": np.__version__,
               "name": name, "x": x, "shifted_min": x.min(axis=0),
               "scalers": scalers(x), "pca": pca(x), "kmeans": kmeans(x), "gmm": gmm(x)}
        assert np.allclose(shifted, x - doc["shifted_min"])
        path = os.path.join(HERE, f"{name}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(to_json(doc), f, separators=(",", ":"))
        print(f"{path}: {x.shape[0]}x{x.shape[1]}, {os.path.getsize(path)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
