"""Reference fits for the ridge and Poisson regressions of lib/models/linear (ridge_test.ts, poisson_test.ts).

Run with Debian's python (scikit-learn 1.2.1):  /usr/bin/python3 bench/reference/linear_reference.py
Prints one JSON object: the generated data (x0, x1 with NaN as null, c with NaN as null, targets, weights)
and, per case, scikit-learn's coefficients, intercept and first predictions. The design mirrors our
FeatureEncoder exactly (float32 inputs; mean imputation and standardisation with the sample weights,
population sd; one-hot over the seen codes ascending, NaN -> all zeros), so both fit the same problem.
Each fit asserts that the gradient of sklearn's objective is ~0 (the solvers converged).
"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import PoissonRegressor, Ridge

rng = np.random.default_rng(20261204)
n = 40
x0 = np.round(rng.normal(size=n), 3)
x1 = np.round(rng.uniform(0, 10, n), 2)
x1[[2, 11, 29]] = np.nan
c = rng.integers(0, 4, n).astype(float)
c[[7, 30]] = np.nan
effect = np.array([0.4, -0.6, 0.9, 0.0])[np.nan_to_num(c, nan=3).astype(int)]
y_reg = np.round(1.5 + 2.0 * x0 - 0.3 * np.nan_to_num(x1, nan=5) + effect + rng.normal(scale=0.5, size=n), 3)
mu = np.exp(0.3 + 0.5 * x0 - 0.08 * np.nan_to_num(x1, nan=5) + effect)
y_count = rng.poisson(mu).astype(float)
w = np.round(rng.uniform(0.5, 2, n), 2)


def design(standardize, wt):
    cols = []
    for v in (x0, x1):
        v = v.astype(np.float32).astype(np.float64)  # the Matrix holds float32
        ok = ~np.isnan(v)
        m = np.average(v[ok], weights=wt[ok])
        vi = np.where(ok, v, m)
        cols.append((vi - m) / np.sqrt(np.average((vi - m) ** 2, weights=wt)) if standardize else vi)
    for k in range(4):
        cols.append((c == k).astype(float))
    return np.column_stack(cols)


def ridge(X, y, alpha, wt=None, fit_intercept=True):
    r = Ridge(alpha=alpha, solver="cholesky", fit_intercept=fit_intercept).fit(X, y, sample_weight=wt)
    s = np.ones(len(y)) if wt is None else wt
    res = s * (y - r.predict(X))
    g = -2 * X.T @ res + 2 * alpha * r.coef_  # ∇ of Σ s (y − Xw − b)² + α‖w‖²
    assert np.abs(g).max() < 1e-9 and (not fit_intercept or abs(res.sum()) < 1e-9), np.abs(g).max()
    return {"coef": r.coef_.tolist(), "intercept": float(r.intercept_), "pred": r.predict(X[:5]).tolist()}


def poisson(X, y, alpha, wt=None, fit_intercept=True):
    p = PoissonRegressor(alpha=alpha, solver="newton-cholesky", tol=1e-12, max_iter=1000,
                         fit_intercept=fit_intercept).fit(X, y, sample_weight=wt)
    s = (np.ones(len(y)) if wt is None else wt)
    s = s / s.sum()
    res = s * (p.predict(X) - y)
    g = X.T @ res + alpha * p.coef_  # ∇ of Σ s̃ (e^η − y η) + α/2 ‖w‖²
    assert np.abs(g).max() < 1e-10 and (not fit_intercept or abs(res.sum()) < 1e-10), np.abs(g).max()
    return {"coef": p.coef_.tolist(), "intercept": float(p.intercept_), "pred": p.predict(X[:5]).tolist()}


ones = np.ones(n)
out = {
    "sklearn": sklearn.__version__,
    "data": {
        "x0": x0.tolist(),
        "x1": [None if np.isnan(v) else v for v in x1.tolist()],
        "c": [None if np.isnan(v) else int(v) for v in c.tolist()],
        "yReg": y_reg.tolist(),
        "yCount": y_count.tolist(),
        "w": w.tolist(),
    },
    "ridge": {
        "std_a1": ridge(design(True, ones), y_reg, 1.0),
        "raw_w_a03": ridge(design(False, w), y_reg, 0.3, w),
        "std_w_a5_noint": ridge(design(True, w), y_reg, 5.0, w, fit_intercept=False),
    },
    "poisson": {
        "std_a05": poisson(design(True, ones), y_count, 0.5),
        "raw_w_a001": poisson(design(False, w), y_count, 0.01, w),
        "std_a01_noint": poisson(design(True, ones), y_count, 0.1, fit_intercept=False),
    },
}
print(json.dumps(out))
