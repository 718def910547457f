"""MLflow python_function loader for Segmentation model folders (numpy and pandas only).

Reads the fitted pipeline (the "pipeline" of segmentation.json, or an older folder's pipeline.json: per-column scalers, optional PCA, a k-means, Gaussian mixture,
agglomerative or DBSCAN model) and predicts the segment of every row exactly as the C# library does.

Every formula is evaluated in float64, element by element, in the same order of operations as the C# code
(src/Segmentation.Clustering), and ties go to the first minimum as there: numpy's vectorised sums and
BLAS dot products add in a different order, which can change the last bit of a distance and, on a near tie,
the segment. Where C# sums the lanes of a SIMD vector, the loader sums the same lanes in the same tree
(4 doubles per vector, the width of .NET's Vector<double> on AVX2 hardware).

MLflow calls ``_load_pyfunc(path)`` with the folder's ``data`` path (segmentation.json); the returned object's
``predict(model_input, params=None)`` takes a pandas DataFrame with the model's feature columns and returns
a DataFrame with one ``segment`` column (-1 is DBSCAN noise).

Run as a script, ``python3 segmentation_pyfunc.py MODEL_JSON FEATURES_CSV`` prints one segment per line
for the rows of the CSV (with ``--transformed``, the scaled/projected rows the model sees), so the C# tests can
compare with the C# pipeline without MLflow installed.
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd

FORMAT_VERSION = 1
DOCUMENT_FILE = "segmentation.json"
DOCUMENT_KEY = "segmentation_model"
OUTPUT_COLUMN = "segment"

# .NET's Vector<double>.Count on AVX2 hardware: the lane count of the SIMD sums reproduced below.
_LANES = 4

# numpy's spacing(1.0): the lambda tolerance of the Yeo-Johnson log branches (Scaling/YeoJohnson.cs).
_SPACING1 = 2.220446049250313e-16

_LOG_TWO_PI = math.log(2 * math.pi)


# fdlibm's log1p constants, as in Scaling/Statistics.cs.
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_LP = (6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
       1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01)


def _high_word(x):
    return int(np.array(x, dtype=np.float64).view(np.int64)) >> 32


def _with_high_word(x, high):
    low = int(np.array(x, dtype=np.float64).view(np.uint64)) & 0xFFFFFFFF
    return float(np.array(((high & 0xFFFFFFFF) << 32) | low, dtype=np.uint64).view(np.float64))


def _log1p(x):
    # Scaling/Statistics.Log1p step for step (fdlibm's algorithm), not math.log1p: the C library may round a few
    # values differently, and the rows the model sees must be the same doubles as in C#.
    hx = _high_word(x)
    ax = hx & 0x7FFFFFFF
    k, hu, f, c = 1, 0, 0.0, 0.0
    if hx < 0x3FDA827A:
        if ax >= 0x3FF00000:
            return -math.inf if x == -1.0 else math.nan
        if ax < 0x3E200000:
            return x if ax < 0x3C900000 else x - (x * x * 0.5)
        if hx > 0 or hx <= -1076707644:  # (int)0xbfd2bec4
            k, f, hu = 0, x, 1
    elif hx >= 0x7FF00000:
        return x + x
    if k != 0:
        if hx < 0x43400000:
            u = 1.0 + x
            hu = _high_word(u)
            k = (hu >> 20) - 1023
            c = 1.0 - (u - x) if k > 0 else x - (u - 1.0)
            c /= u
        else:
            u = x
            hu = _high_word(u)
            k = (hu >> 20) - 1023
            c = 0.0
        hu &= 0x000FFFFF
        if hu < 0x6A09E:
            u = _with_high_word(u, hu | 0x3FF00000)
        else:
            k += 1
            u = _with_high_word(u, hu | 0x3FE00000)
            hu = (0x00100000 - hu) >> 2
        f = u - 1.0
    hfsq = 0.5 * f * f
    if hu == 0:
        if f == 0:
            return 0.0 if k == 0 else (k * _LN2_HI) + (c + (k * _LN2_LO))
        r0 = hfsq * (1.0 - (0.66666666666666666 * f))
        return f - r0 if k == 0 else (k * _LN2_HI) - ((r0 - ((k * _LN2_LO) + c)) - f)
    s = f / (2.0 + f)
    z = s * s
    z2 = z * z
    z4 = z2 * z2
    z6 = z4 * z2
    r = (z * _LP[0]) + (z2 * (_LP[1] + (z * _LP[2]))) + (z4 * (_LP[3] + (z * _LP[4]))) + (z6 * (_LP[5] + (z * _LP[6])))
    if k == 0:
        return f - (hfsq - (s * (hfsq + r)))
    return (k * _LN2_HI) - ((hfsq - ((s * (hfsq + r)) + ((k * _LN2_LO) + c))) - f)


def _yeo_johnson(x, lam):
    if x >= 0:
        return _log1p(x) if abs(lam) < _SPACING1 else (math.pow(x + 1, lam) - 1) / lam
    return -(math.pow(-x + 1, 2 - lam) - 1) / (2 - lam) if abs(lam - 2) > _SPACING1 else -_log1p(-x)


def _keep_better(best, best_value, better, index, value):
    """Moves the rows where ``better`` holds to candidate ``index``: a running first-minimum/maximum over whole columns."""
    best[better] = index
    return np.where(better, value, best_value)


def _vector_sum(values):
    """Sum of up to four lanes as .NET's Vector256.Sum: (v0 + v1) + (v2 + v3), padding lanes being 0."""
    lanes = list(values) + [0.0] * (_LANES - len(values))
    return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])


class _ColumnScaler:
    """One column's scaler: y = (f(x) - offset) / scale, or a chain of such steps (Scaling/ColumnScaler.cs)."""

    def __init__(self, spec):
        self.name = spec.get("name", "")
        self.transform = spec.get("transform", "Identity")
        self.lam = float(spec.get("lambda", 0.0))
        self.offset = float(spec.get("offset", 0.0))
        self.scale = float(spec.get("scale", 1.0))
        steps = spec.get("steps")
        self.steps = None if steps is None else [_ColumnScaler(s) for s in steps]
        if self.transform not in ("Identity", "Log1p", "YeoJohnson"):
            raise ValueError("unknown column transform '%s' in scaler '%s'" % (self.transform, self.name))

    def apply(self, x, feature, row):
        if self.steps is not None:
            for step in self.steps:
                x = step.apply(x, feature, row)
            return x
        if self.transform == "Log1p":
            if x < 0:
                raise ValueError(
                    "Feature '%s' has negative value %r at row %d; the log1p scaler needs values >= 0" % (feature, x, row))
            f = _log1p(x)
        elif self.transform == "YeoJohnson":
            f = _yeo_johnson(x, self.lam)
        else:
            f = x
        return (f - self.offset) / self.scale


class _Pca:
    """Centre, project onto the components, optionally whiten (Decomposition/FittedPca.cs)."""

    def __init__(self, spec):
        self.mean = [float(v) for v in spec["mean"]]
        self.components = [[float(v) for v in row] for row in spec["components"]]
        self.explained_variance = [float(v) for v in spec["explainedVariance"]]
        self.whiten = bool(spec.get("whiten", False))

    def transform(self, row):
        centred = [row[j] - self.mean[j] for j in range(len(self.mean))]
        result = []
        for c, axis in enumerate(self.components):
            dot = 0.0
            for j in range(len(centred)):
                dot += centred[j] * axis[j]
            result.append(dot / math.sqrt(self.explained_variance[c]) if self.whiten else dot)
        return result


class _KMeans:
    """Nearest centre by argmin of |c|^2 - 2 x.c, first minimum on ties (KMeans/CenterKernel.cs)."""

    def __init__(self, spec):
        centers = [[float(v) for v in row] for row in spec["centers"]]
        self.norms = []
        self.scaled = []
        for c in centers:
            norm = 0.0
            for v in c:
                norm += v * v
            self.norms.append(norm)
            self.scaled.append([-2.0 * v for v in c])

    def predict(self, x):
        best, best_value = np.zeros(len(x[0]), dtype=np.int64), np.full(len(x[0]), math.inf)
        for j, t in enumerate(self.scaled):
            acc = np.full(len(x[0]), self.norms[j])
            for f in range(len(x)):
                acc = acc + x[f] * t[f]
            best_value = _keep_better(best, best_value, acc < best_value, j, acc)
        return best


class _GaussianMixture:
    """Argmax of log w_c + log N(x | mu_c, Sigma_c), first maximum on ties (Mixture/MixtureParameters.cs)."""

    def __init__(self, spec):
        self.type = spec["covarianceType"]
        self.weights = [float(v) for v in spec["weights"]]
        self.means = [[float(v) for v in row] for row in spec["means"]]
        self.p = [float(v) for v in spec["precisionsCholesky"]]
        k, d = len(self.means), len(self.means[0])
        self.k, self.d = k, d
        self.log_weights = [math.log(w) for w in self.weights]
        self.log_det = []
        for c in range(k):
            if self.type == "Full":
                self.log_det.append(self._sum_log_diagonal(c * d * d))
            elif self.type == "Tied":
                self.log_det.append(self._sum_log_diagonal(0))
            elif self.type == "Diag":
                total = 0.0
                for v in self.p[c * d:(c + 1) * d]:
                    total += math.log(v)
                self.log_det.append(total)
            elif self.type == "Spherical":
                self.log_det.append(d * math.log(self.p[c]))
            else:
                raise ValueError("unknown covariance type '%s'" % self.type)

    def _sum_log_diagonal(self, start):
        total = 0.0
        for f in range(self.d):
            v = self.p[start + f * self.d + f]
            if not v > 0:
                raise ValueError("Precision Cholesky factor has non-positive diagonal entry %r" % v)
            total += math.log(v)
        return total

    def _full_mahalanobis(self, x, mean, start):
        d = self.d
        # Each lane j accumulates (x - mu) . P[:, j] in feature order, then the lanes are summed vector by vector.
        y = [0.0] * d
        for f in range(d):
            diff = x[f] - mean[f]
            row = start + f * d
            for j in range(d):
                y[j] += diff * self.p[row + j]
        total = None
        for v in range(0, d, _LANES):
            dot = _vector_sum([y[j] * y[j] for j in range(v, min(v + _LANES, d))])
            total = dot if total is None else total + dot
        return total

    def predict(self, x):
        d = self.d
        best, best_value = np.zeros(len(x[0]), dtype=np.int64), None
        for c in range(self.k):
            mean = self.means[c]
            if self.type in ("Full", "Tied"):
                mahalanobis = self._full_mahalanobis(x, mean, c * d * d if self.type == "Full" else 0)
            elif self.type == "Diag":
                mahalanobis = 0.0
                for f in range(d):
                    y = (x[f] - mean[f]) * self.p[c * d + f]
                    mahalanobis += y * y
            else:
                total = 0.0
                for f in range(d):
                    diff = x[f] - mean[f]
                    total += diff * diff
                p = self.p[c]
                mahalanobis = total * p * p
            value = (-0.5 * ((d * _LOG_TWO_PI) + mahalanobis)) + self.log_det[c] + self.log_weights[c]
            best_value = value if best_value is None else _keep_better(best, best_value, value > best_value, c, value)
        return best


def _nearest(points, x, radius_squared):
    """Per row of ``x``: the index of the nearest of ``points`` within sqrt(radius_squared) (inclusive, lowest index on
    ties), else -1 -- what the C# k-d tree (Density/KdTree.cs Nearest) finds. A linear scan finds the same point: the
    tree's box pruning never drops a point at least as near, and each squared distance is summed in feature order."""
    best, best_distance = np.full(len(x[0]), -1, dtype=np.int64), np.full(len(x[0]), radius_squared)
    for i, point in enumerate(points):
        distance = 0.0
        for f in range(len(x)):
            diff = point[f] - x[f]
            distance = distance + diff * diff
        better = (distance < best_distance) | ((distance == best_distance) & (best < 0))
        best_distance = _keep_better(best, best_distance, better, i, distance)
    return best


class _Agglomerative:
    """The cut's label of the nearest training point, lowest training row on ties (Hierarchical/AgglomerativeModel.cs)."""

    def __init__(self, spec):
        self.samples = [[float(v) for v in row] for row in spec["samples"]]
        self.labels = np.array([int(v) for v in spec["sampleLabels"]], dtype=np.int64)
        if not self.samples:
            raise ValueError("the agglomerative model has no training samples: it was written by a version that predicted by nearest centroid; refit it")

    @staticmethod
    def _distance(x, c):
        # TensorPrimitives.Distance (the distance-to-centre score): the first full vector, further full vectors added
        # lane-wise, the last (overlapping) vector with the lanes already seen masked to 0, then the lanes summed;
        # 2-lane vectors below 4.
        squares = [(x[f] - c[f]) * (x[f] - c[f]) for f in range(len(x))]
        n = len(squares)
        width = _LANES if n >= _LANES else 2
        if n < 2 or n >= 2 * _LANES:
            total = 0.0
            for s in squares:
                total += s
            return np.sqrt(total)
        acc = squares[:width]
        if n > width:
            tail = squares[n - width:]
            seen = 2 * width - n
            acc = [acc[j] + (0.0 if j < seen else tail[j]) for j in range(width)]
        total = _vector_sum(acc) if width == _LANES else acc[0] + acc[1]
        return np.sqrt(total)

    def predict(self, x):
        return self.labels[_nearest(self.samples, x, math.inf)]


class _Dbscan:
    """The cluster of the nearest core sample within eps (inclusive, lowest index on ties), else -1; a training border
    point whose fitted cluster differs from that keeps its fitted cluster (Density/DbscanModel.cs)."""

    def __init__(self, spec):
        self.eps = float(spec["eps"])
        self.cores = [[float(v) for v in row] for row in spec["coreSamples"]]
        self.labels = [int(v) for v in spec["coreLabels"]]
        # Looked up by exact coordinates: Python's float equality and hash treat 0.0 and -0.0 alike, as the C# comparer does.
        borders = spec.get("borderSamples") or []
        self.border = {tuple(float(v) for v in row): int(label) for row, label in zip(borders, spec.get("borderLabels") or [])}

    def predict(self, x):
        labels = np.array(self.labels + [-1], dtype=np.int64)[_nearest(self.cores, x, self.eps * self.eps)]
        if self.border:
            for i, row in enumerate(zip(*(column.tolist() for column in x))):
                labels[i] = self.border.get(row, labels[i])
        return labels


_MODELS = {"kmeans": _KMeans, "gmm": _GaussianMixture, "agglomerative": _Agglomerative, "dbscan": _Dbscan}


class SegmentationModel:
    """A fitted pipeline: scalers, optional PCA, clustering model; ``predict`` returns the segment per row."""

    def __init__(self, pipeline):
        version = pipeline.get("formatVersion")
        if version != FORMAT_VERSION:
            raise ValueError("pipeline formatVersion is %r; this loader reads %d" % (version, FORMAT_VERSION))
        preprocessor = pipeline["preprocessor"]
        self.feature_names = list(preprocessor["featureNames"])
        self.scalers = [_ColumnScaler(s) for s in preprocessor["scaler"]["columns"]]
        self.pca = None if preprocessor.get("pca") is None else _Pca(preprocessor["pca"])
        kind = pipeline["model"].get("kind")
        if kind not in _MODELS:
            raise ValueError("unknown model kind %r; this loader reads %s" % (kind, ", ".join(sorted(_MODELS))))
        self.model = _MODELS[kind](pipeline["model"])

    def transform(self, x):
        """The scaled (and projected) columns the clustering model sees, as Pipeline/FittedPreprocessor.Transform."""
        if not np.all(np.isfinite(x)):
            raise ValueError("all features must be finite numbers")
        # Scalers value by value with Python's math (the C library's log and pow, as .NET calls): numpy's vectorised log
        # and power may round differently in the last bit.
        names = self.feature_names
        scaled = [[self.scalers[j].apply(v, names[j], i) for j, v in enumerate(values)] for i, values in enumerate(x.tolist())]
        matrix = np.array(scaled, dtype=np.float64).reshape(x.shape[0], len(names))
        # From here on only +, -, *, / and sqrt, which numpy rounds exactly as C# does element by element: whole columns at once.
        columns = [matrix[:, j] for j in range(len(names))]
        return columns if self.pca is None else self.pca.transform(columns)

    def predict_rows(self, x):
        """Segments of the rows of a float64 array whose columns are ``feature_names`` in order."""
        return self.model.predict(self.transform(x))

    def _features(self, frame):
        missing = [name for name in self.feature_names if name not in frame.columns]
        if missing:
            raise ValueError("input lacks the model's features %s (it has %s)" % (missing, list(frame.columns)))
        return frame[self.feature_names].to_numpy(dtype=np.float64)

    def predict(self, model_input, params=None):
        """MLflow's pyfunc predict: a DataFrame with the feature columns in, a DataFrame with ``segment`` out."""
        frame = model_input if isinstance(model_input, pd.DataFrame) else pd.DataFrame(model_input)
        return pd.DataFrame({OUTPUT_COLUMN: self.predict_rows(self._features(frame))}, index=frame.index)


def load(path):
    """Reads the model document (segmentation.json) or, from folders written before it, a pipeline.json, both by the C# library."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    # The document wraps the pipeline with the profile and attachments; a bare pipeline has no layout key.
    return SegmentationModel(document["pipeline"] if DOCUMENT_KEY in document else document)


def _load_pyfunc(path):
    # MLflow passes the flavor's data path: the document (or an older folder's pipeline.json) itself, or a folder holding it.
    if os.path.isdir(path):
        document = os.path.join(path, DOCUMENT_FILE)
        path = document if os.path.exists(document) else os.path.join(path, "pipeline.json")
    return load(path)


def _main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != "--transformed"):
        sys.stderr.write("usage: segmentation_pyfunc.py MODEL_JSON FEATURES_CSV [--transformed]\n")
        return 2
    model = load(argv[1])
    # float_precision round_trip: the exact doubles C# parses, not pandas' faster approximate parser.
    frame = pd.read_csv(argv[2], float_precision="round_trip")
    if len(argv) == 4:
        # The model's input rows, each value as repr (shortest round-trip), so a test can compare them bit for bit.
        columns = model.transform(model._features(frame))
        sys.stdout.write("".join(",".join(repr(float(c[i])) for c in columns) + "\n" for i in range(len(frame))))
        return 0
    sys.stdout.write("".join("%d\n" % v for v in model.predict(frame)[OUTPUT_COLUMN]))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
