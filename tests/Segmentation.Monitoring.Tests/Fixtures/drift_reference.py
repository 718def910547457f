#!/usr/bin/python3
"""Reference numbers for the drift statistics (tests/Segmentation.Monitoring.Tests/Statistics).

Run with Debian's python3-numpy and python3-scipy:
    /usr/bin/python3 tests/Segmentation.Monitoring.Tests/Fixtures/drift_reference.py > tests/Segmentation.Monitoring.Tests/Fixtures/drift_reference.json
The samples are written into the output, so the tests never depend on numpy's random generator.

Real data: split_reference.csv and split_current.csv (beside this script) are the model features of the shipped year
split at 2011-06-01 — `segment data features --input first_half.csv` (the training half) and `… second_half.csv`
(the new batch), both with the default params.yaml, reduced to customer_id, recency_days, tenure_days and monetary.
The drift tests rebuild both tables through the pipeline and compare `segment drift`'s numbers with these.
"""
import csv
import os
import json
import sys

import numpy as np
import scipy
from scipy import stats

FLOOR = 1e-4


def psi(reference, current):
    """PSI exactly as issue 14 states it."""
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = np.unique(np.quantile(reference, [k / 10 for k in range(1, 10)]))
    # side='left': a value equal to an edge falls in the bin that edge closes, (e_i-1, e_i].
    ref_bins = np.bincount(np.searchsorted(edges, reference, side="left"), minlength=len(edges) + 1)
    cur_bins = np.bincount(np.searchsorted(edges, current, side="left"), minlength=len(edges) + 1)
    ref_share = np.maximum(ref_bins / len(reference), FLOOR)
    cur_share = np.maximum(cur_bins / len(current), FLOOR)
    return edges, ref_share, cur_share, float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))


def sample_case(name, reference, current):
    edges, ref_share, cur_share, value = psi(reference, current)
    ks = stats.ks_2samp(reference, current, method="asymp")
    return {
        "name": name,
        "reference": [float(x) for x in reference],
        "current": [float(x) for x in current],
        "edges": [float(e) for e in edges],
        "reference_shares": [float(s) for s in ref_share],
        "current_shares": [float(s) for s in cur_share],
        "psi": value,
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "reference_median": float(np.median(reference)),
        "current_median": float(np.median(current)),
    }


def main():
    rng = np.random.default_rng(20111209)
    cases = []
    a = np.round(rng.gamma(2.0, 30.0, 50))
    cases.append(sample_case("small-integers", a, np.round(rng.gamma(2.0, 36.0, 60))))
    cases.append(sample_case("small-unequal", np.round(rng.normal(10, 3, 12), 1), np.round(rng.normal(11, 3, 9), 1)))
    cases.append(sample_case("medium-lognormal", rng.lognormal(6.0, 1.0, 400), rng.lognormal(6.1, 1.1, 300)))
    cases.append(sample_case("large-recency-shift", np.round(rng.gamma(1.2, 80.0, 3000)), np.round(rng.gamma(1.0, 60.0, 2500))))
    same = np.round(rng.gamma(1.5, 50.0, 2000))
    cases.append(sample_case("identical", same, same.copy()))
    cases.append(sample_case("large-no-shift", rng.lognormal(5.0, 1.2, 4000), rng.lognormal(5.0, 1.2, 3500)))
    cases.append(sample_case("heavy-shift", rng.normal(0, 1, 1500), rng.normal(1.5, 1, 1200)))
    cases.append(sample_case("few-distinct", rng.choice([0.0, 0.0, 0.0, 1.0, 2.0], 500), rng.choice([0.0, 1.0, 1.0, 2.0, 3.0], 450)))

    # kstwo.sf over every branch of scipy's kolmogn: n <= 140 (DMTW, Pomeranz, smirnov), large n (DMTW, Pelz-Good,
    # smirnov, 0), the Ruben-Gambino ends (t <= 1, t >= n - 1) and n above 100,000.
    kstwo = []
    for n in [1, 2, 3, 5, 10, 27, 50, 100, 140, 141, 171, 500, 1000, 1364, 2000, 5000, 150000]:
        for d in [0.0005, 0.002, 0.006, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8, 0.95]:
            kstwo.append({"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))})

    chi2 = []
    for df in [1, 2, 3, 4, 5, 7, 11]:
        for x in [0.01, 0.5, 1.0, 2.5, 4.0, 7.5, 12.0, 20.0, 40.0, 90.0, 200.0]:
            chi2.append({"df": df, "x": x, "sf": float(stats.chi2.sf(x, df))})

    segments = []
    for name, observed, shares in [
        ("same-shares", [315, 162, 90, 271, 161], [0.315, 0.162, 0.090, 0.271, 0.162]),
        ("moved", [500, 120, 60, 200, 120], [0.315, 0.162, 0.090, 0.271, 0.162]),
        ("empty-segment", [400, 0, 100, 250, 250], [0.30, 0.10, 0.10, 0.25, 0.25]),
    ]:
        observed = np.asarray(observed, dtype=float)
        shares = np.asarray(shares, dtype=float)
        cur = np.maximum(observed / observed.sum(), FLOOR)
        ref = np.maximum(shares, FLOOR)
        expected = ref / ref.sum() * observed.sum()
        test = stats.chisquare(observed, expected)
        segments.append({
            "name": name,
            "observed": [int(o) for o in observed],
            "training_shares": [float(s) for s in shares],
            "psi": float(np.sum((cur - ref) * np.log(cur / ref))),
            "chi2": float(test.statistic),
            "chi2_pvalue": float(test.pvalue),
        })

    here = os.path.dirname(os.path.abspath(__file__))
    split = {}
    with open(os.path.join(here, "split_reference.csv"), newline="") as f:
        reference = list(csv.DictReader(f))
    with open(os.path.join(here, "split_current.csv"), newline="") as f:
        current = list(csv.DictReader(f))
    for feature in ["recency_days", "tenure_days", "monetary"]:
        a = np.array([float(r[feature]) for r in reference])
        b = np.array([float(r[feature]) for r in current])
        case = sample_case(feature, a, b)
        del case["reference"], case["current"]
        case["reference_mean"] = float(np.mean(a))
        case["current_mean"] = float(np.mean(b))
        split[feature] = case
    split_year = {"reference_customers": len(reference), "current_customers": len(current), "features": split}

    json.dump({
        "generator": "tests/Segmentation.Monitoring.Tests/Fixtures/drift_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "samples": cases,
        "kstwo_sf": kstwo,
        "chi2_sf": chi2,
        "segments": segments,
        "split_year": split_year,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
