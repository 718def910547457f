#!/usr/bin/env python3
"""The Python peer of bench/sweep/grid.yaml: the same 99-trial grid as a pandas + scikit-learn notebook does it.

    /usr/bin/python3 bench/sweep/sklearn_grid.py [--csv data/online_retail.csv.gz] [--json]

Same work as `segment sweep bench/sweep/grid.yaml`, minus the tracking store and the artifacts:
- read the transactions csv.gz with pandas;
- params.yaml's default cleaning rules, in its order: drop rows with no customer id, drop exact duplicate rows
  (keep the first), keep stock codes matching ^\\d{5}, drop unit price <= 0, keep cancellations (invoice starting
  with C) as returns and drop other rows with quantity <= 0;
- RFM per customer as the tool defines it (`segment data features --describe`): recency_days = reference date
  (the day after the latest cleaned row) minus the day of the latest purchase row; frequency = distinct purchase
  invoices; monetary = net sum of quantity x unit price, returns included; customers with no purchase invoice or
  with monetary <= 0 dropped;
- the grid: log1p then standard / robust / minmax scaling; KMeans (n_init 10, lloyd), GaussianMixture (full) and
  Ward agglomerative for k = 2..12; per trial silhouette (exact), Davies-Bouldin and Calinski-Harabasz.
Ward is refitted for every k, as a notebook calling AgglomerativeClustering(n_clusters=k) does.
Requires Debian's python3-sklearn and python3-pandas (run with /usr/bin/python3).
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
from sklearn.mixture import GaussianMixture
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, MinMaxScaler, RobustScaler, StandardScaler

SCALERS = {
    "log1p+standard": StandardScaler,
    "log1p+robust": RobustScaler,
    "log1p+minmax": MinMaxScaler,
}
SEED = 42


def load(path):
    df = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "Description": str, "CustomerID": str, "Country": str},
                     parse_dates=["InvoiceDate"])
    df = df[df["CustomerID"].notna()]
    df = df.drop_duplicates(keep="first")
    df = df[df["StockCode"].str.match(r"^\d{5}")]
    df = df[df["UnitPrice"] > 0]
    cancel = df["InvoiceNo"].str.startswith("C")
    df = df[cancel | (df["Quantity"] > 0)]
    return df


def rfm(df):
    cancel = df["InvoiceNo"].str.startswith("C")
    day = df["InvoiceDate"].dt.normalize()
    reference = day.max() + pd.Timedelta(days=1)
    purchases = df[~cancel]
    by_customer = purchases.groupby("CustomerID")
    recency = (reference - day[~cancel].groupby(purchases["CustomerID"]).max()).dt.days
    frequency = by_customer["InvoiceNo"].nunique()
    monetary = (df["Quantity"] * df["UnitPrice"]).groupby(df["CustomerID"]).sum()
    # Customers with no purchase invoice (the inner join) or with monetary <= 0 are dropped, as the tool does.
    table = pd.DataFrame({"recency_days": recency, "frequency": frequency}).join(monetary.rename("monetary"), how="inner")
    # The tool sums in decimal: a float sum of purchases and their exact returns is 1e-13, not 0, so round first.
    return table[table["monetary"].round(6) > 0].sort_index()


def trials():
    for scaler in SCALERS:
        for algorithm in ("kmeans", "gmm", "agglomerative"):
            for k in range(2, 13):
                yield scaler, algorithm, k


def fit(algorithm, k, z):
    if algorithm == "kmeans":
        return KMeans(n_clusters=k, n_init=10, algorithm="lloyd", random_state=SEED).fit_predict(z)
    if algorithm == "gmm":
        return GaussianMixture(n_components=k, covariance_type="full", random_state=SEED).fit(z).predict(z)
    return AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(z)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--csv", default="data/online_retail.csv.gz")
    p.add_argument("--json", action="store_true", help="print every trial's metrics as JSON")
    a = p.parse_args()
    started = time.perf_counter()
    table = rfm(load(a.csv))
    x = table[["recency_days", "frequency", "monetary"]].to_numpy(dtype=float)
    loaded = time.perf_counter()
    results = []
    for scaler, algorithm, k in trials():
        z = make_pipeline(FunctionTransformer(np.log1p), SCALERS[scaler]()).fit_transform(x)
        labels = fit(algorithm, k, z)
        results.append({
            "trial": f"{algorithm}-k{k}-{scaler}",
            "silhouette": float(silhouette_score(z, labels)),
            "davies_bouldin": float(davies_bouldin_score(z, labels)),
            "calinski_harabasz": float(calinski_harabasz_score(z, labels)),
        })
    done = time.perf_counter()
    best = max(results, key=lambda r: r["silhouette"])
    summary = {
        "sklearn": sklearn.__version__,
        "customers": len(table),
        "trials": len(results),
        "load_seconds": round(loaded - started, 3),
        "grid_seconds": round(done - loaded, 3),
        "best": best,
    }
    if a.json:
        summary["results"] = results
    json.dump(summary, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
