#!/usr/bin/python3
"""Generates scikit-learn reference results for scaler chains and the adjusted Rand index (issue 12).

Run with Debian's python3 (python3-sklearn 1.2, numpy 1.24) and numpy's AVX-512 loops disabled:
    NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL" \
        /usr/bin/python3 tests/Segmentation.Clustering.Tests/Fixtures/sklearn_part_c/generate.py
NPY_DISABLE_CPU_FEATURES (numpy >= 1.22) sends np.log1p/np.power/np.log to the C library, as .NET's Math does, so the
power chains are deterministic libm arithmetic: numpy's AVX-512 versions round differently on ~25 % of values, which
moves scikit-learn's Yeo-Johnson lambda by ~4e-8 relative (power_spread.py) and would make a 1e-9 parity test depend on
the CPU that generated the fixture. On a CPU without AVX-512 the variable changes nothing (numpy warns if a feature
is not one it dispatches on). The generator refuses to run on AVX-512 code paths.
Reads the input matrices of ../sklearn_part_a/*.json (so part A and part C scale the same data) and writes
chains.json, log1p.json and ari.json next to this script. Never run at test time.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.metrics import adjusted_rand_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, MinMaxScaler, PowerTransformer,
                                   RobustScaler, StandardScaler)

HERE = os.path.dirname(os.path.abspath(__file__))
PART_A = os.path.join(HERE, "..", "sklearn_part_a")
DATASETS = ("blobs_small", "blobs_5d", "aniso", "log_rfm")
HEAD_ROWS = 25

STEPS = {
    "log1p": lambda: FunctionTransformer(np.log1p),
    "standard": StandardScaler,
    "robust": RobustScaler,
    "minmax": MinMaxScaler,
    "maxabs": MaxAbsScaler,
    "power": lambda: PowerTransformer(method="yeo-johnson", standardize=True),
}

# Chains named in the issue, the list form's equivalent, and two without log1p (the general form).
CHAINS = ("log1p+robust", "log1p+minmax", "log1p+power", "log1p+maxabs", "robust+minmax", "power+minmax")


def chains(x):
    """Each chain fitted on the data shifted to a zero minimum (log1p needs x >= 0), as scikit-learn pipelines."""
    shifted = x - x.min(axis=0)
    out = {}
    for name in CHAINS:
        pipe = make_pipeline(*[STEPS[s]() for s in name.split("+")]).fit(shifted)
        out[name] = {"input": "shifted", "head": pipe.transform(shifted[:HEAD_ROWS]),
                     "all_mean": pipe.transform(shifted).mean(axis=0)}
    return out


def ari_cases():
    rng = np.random.RandomState(12)
    cases = []
    for n, ka, kb in ((10, 2, 2), (50, 3, 5), (200, 4, 4), (1000, 7, 3), (5000, 12, 12)):
        a = rng.randint(ka, size=n)
        b = np.where(rng.rand(n) < 0.7, a, rng.randint(kb, size=n))
        cases.append({"a": a, "b": b, "ari": adjusted_rand_score(a, b)})
    # Noise label -1 is a label like any other, as in scikit-learn; single-cluster and permuted-label edge cases.
    a = rng.randint(-1, 4, size=300)
    cases.append({"a": a, "b": rng.randint(-1, 3, size=300), "ari": None})
    cases[-1]["ari"] = adjusted_rand_score(cases[-1]["a"], cases[-1]["b"])
    cases.append({"a": np.zeros(20, dtype=int), "b": np.arange(20) % 3, "ari": adjusted_rand_score(np.zeros(20), np.arange(20) % 3)})
    perm = np.array([2, 0, 1])[a.clip(0) % 3]
    cases.append({"a": a.clip(0) % 3, "b": perm, "ari": adjusted_rand_score(a.clip(0) % 3, perm)})
    return cases


def log1p_case():
    """np.log1p on the libm path over the non-negative magnitudes features take (log1p is only ever applied to x >= 0)."""
    rng = np.random.RandomState(7)
    x = np.concatenate([rng.uniform(0, 1, 1000), rng.uniform(0, 0.42, 500), 10.0 ** rng.uniform(-12, 7, 1500),
                        np.floor(10.0 ** rng.uniform(0, 5, 500)), [0.0, 1e-300, 2.0 ** -29, 2.0 ** -54, 0.41421356, 1e15, 1e300]])
    return {"generator": "generate.py", "numpy": np.__version__, "x": x, "log1p": np.log1p(x)}


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


def write(name, doc):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(to_json(doc), f, separators=(",", ":"))
    print(f"{path}: {os.path.getsize(path)} bytes", file=sys.stderr)


def require_libm_path():
    """Stops unless numpy's AVX-512 transcendental loops are off (see the module docstring)."""
    from numpy.core._multiarray_umath import __cpu_features__
    on = [f for f in ("AVX512F", "AVX512_SKX") if __cpu_features__.get(f)]
    if on:
        sys.exit("numpy would use its AVX-512 loops (%s): set NPY_DISABLE_CPU_FEATURES as the docstring says" % ", ".join(on))


def main():
    require_libm_path()
    doc = {"generator": "generate.py", "sklearn": sklearn.__version__, "numpy": np.__version__,
           "npy_disable_cpu_features": os.environ.get("NPY_DISABLE_CPU_FEATURES", ""), "datasets": {}}
    for name in DATASETS:
        with open(os.path.join(PART_A, f"{name}.json"), encoding="utf-8") as f:
            x = np.array(json.load(f)["x"], dtype=np.float64)
        doc["datasets"][name] = chains(x)
    write("chains.json", doc)
    write("log1p.json", log1p_case())
    write("ari.json", {"generator": "generate.py", "sklearn": sklearn.__version__, "cases": ari_cases()})


if __name__ == "__main__":
    main()
