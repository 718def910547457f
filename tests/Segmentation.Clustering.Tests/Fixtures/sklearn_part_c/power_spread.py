#!/usr/bin/python3
"""How far scikit-learn's own Yeo-Johnson output moves with numpy's CPU code path (issue 12 §1, the power tolerance).

Run twice with Debian's python3 (python3-sklearn 1.2, numpy 1.24) on an AVX-512 machine and compare:
    /usr/bin/python3 power_spread.py /tmp/a.json
    NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL" /usr/bin/python3 power_spread.py /tmp/b.json
    /usr/bin/python3 power_spread.py --compare /tmp/a.json /tmp/b.json
numpy's AVX-512 pow/log/log1p differ from the C library's in the last bit on about a quarter of the values; Brent's
method (scipy.optimize.brent, tolerance sqrt(eps)) compares likelihoods that differ only at that level near the optimum,
so the fitted lambda moves by ~4e-8 relative and the transformed output by up to ~3e-8 (relative to max(1, |v|)):
scikit-learn does not agree with itself at 1e-9, so no implementation can match "scikit-learn" at 1e-9 on power chains.
Measured 2026-12-01 over every row: largest spread 3.1e-8 (blobs_5d log1p+power), smallest 7.4e-9 (log_rfm power+minmax).
Hence generate.py writes the power chains on the libm path (NPY_DISABLE_CPU_FEATURES as in the second run above), where
YeoJohnson's lambda equals scikit-learn's to the last bit and ScalerChainTests holds every chain to 1e-9.
Never run at test time.
"""
import json
import os
import sys

import numpy as np
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, MinMaxScaler, PowerTransformer

HERE = os.path.dirname(os.path.abspath(__file__))
PART_A = os.path.join(HERE, "..", "sklearn_part_a")
STEPS = {"log1p": lambda: FunctionTransformer(np.log1p), "power": PowerTransformer, "minmax": MinMaxScaler}


def transform_all(path):
    out = {}
    for name in ("blobs_small", "blobs_5d", "aniso", "log_rfm"):
        with open(os.path.join(PART_A, name + ".json"), encoding="utf-8") as handle:
            x = np.array(json.load(handle)["x"], dtype=np.float64)
        shifted = x - x.min(axis=0)
        for chain in ("log1p+power", "power+minmax"):
            pipe = make_pipeline(*[STEPS[s]() for s in chain.split("+")]).fit(shifted)
            out[name + " " + chain] = pipe.transform(shifted).tolist()
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(out, handle)


def compare(a_path, b_path):
    with open(a_path, encoding="utf-8") as a_handle, open(b_path, encoding="utf-8") as b_handle:
        a, b = json.load(a_handle), json.load(b_handle)
    for key in a:
        x, y = np.array(a[key]), np.array(b[key])
        print("%-26s %.2e" % (key, (np.abs(x - y) / np.maximum(1, np.abs(x))).max()))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 2:
        transform_all(sys.argv[1])
    else:
        sys.exit("usage: power_spread.py OUT.json | power_spread.py --compare A.json B.json")
