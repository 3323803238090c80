"""Out-of-fold predictions of a reference GBDT library for the CV benches (bench/_cv.ts). A reference
only: neither LightGBM nor XGBoost is ever a project dependency. Usage:

    python gbdt_cv_reference.py <dir>

where <dir> holds, written by the bench:

  meta.json    {"library": "lightgbm" | "xgboost", "nRows", "nCols", "objective", "trees",
                "learningRate", "numLeaves", "maxDepth", "maxBins", "threads", "repeats", "folds"}
  X.f32        row-major float32 features, y.f32 labels, groups.i32 query sizes (ranking only)
  folds.i32    repeats × nRows fold ids (every row of a query shares its fold)

Hyper-parameters are those of bench/reference/gbdt_reference.py: LightGBM gets num_leaves and
max_depth, XGBoost `hist` gets max_depth (its depth-wise trees), both the same trees, learning rate
and max bins. Writes oof.f64: repeats × nRows out-of-fold raw predictions (probabilities for binary)
and prints {"library": "<name> <version>"}.
"""
import json
import os
import sys

import numpy as np

d = sys.argv[1]
meta = json.load(open(os.path.join(d, "meta.json")))
os.environ.setdefault("OMP_NUM_THREADS", str(meta["threads"]))
n, p = meta["nRows"], meta["nCols"]
X = np.fromfile(os.path.join(d, "X.f32"), dtype=np.float32).reshape(n, p)
y = np.fromfile(os.path.join(d, "y.f32"), dtype=np.float32)
folds = np.fromfile(os.path.join(d, "folds.i32"), dtype=np.int32).reshape(meta["repeats"], n)
rank = meta["objective"] == "lambdarank"
if rank:
    groups = np.fromfile(os.path.join(d, "groups.i32"), dtype=np.int32)
    qid = np.repeat(np.arange(len(groups)), groups)


def sizes(mask):
    _, counts = np.unique(qid[mask], return_counts=True)  # rows stay in query order
    return counts


if meta["library"] == "lightgbm":
    import lightgbm as lgb

    version = "lightgbm " + lgb.__version__
    params = {
        "objective": meta["objective"], "learning_rate": meta["learningRate"], "num_leaves": meta["numLeaves"],
        "max_depth": meta["maxDepth"], "max_bin": meta["maxBins"], "num_threads": meta["threads"],
        "verbose": -1, "deterministic": True, "seed": 0,
    }

    def fit_predict(tr, te):
        ds = lgb.Dataset(X[tr], y[tr], group=sizes(tr) if rank else None)
        return lgb.train(params, ds, num_boost_round=meta["trees"]).predict(X[te])
else:
    import xgboost as xgb

    version = "xgboost " + xgb.__version__
    objective = {"binary": "binary:logistic", "regression": "reg:squarederror", "lambdarank": "rank:ndcg"}
    params = {"objective": objective[meta["objective"]], "tree_method": "hist", "nthread": meta["threads"],
              "eta": meta["learningRate"], "max_depth": meta["maxDepth"], "max_bin": meta["maxBins"],
              "verbosity": 0, "seed": 0}

    def fit_predict(tr, te):
        dtrain = xgb.DMatrix(X[tr], label=y[tr], nthread=meta["threads"])
        if rank:
            dtrain.set_group(sizes(tr))
        booster = xgb.train(params, dtrain, num_boost_round=meta["trees"])
        return np.asarray(booster.inplace_predict(X[te]), dtype=np.float64)

oof = np.zeros((meta["repeats"], n))
for r in range(meta["repeats"]):
    for k in range(meta["folds"]):
        tr, te = folds[r] != k, folds[r] == k
        oof[r, te] = fit_predict(tr, te)
oof.astype(np.float64).tofile(os.path.join(d, "oof.f64"))
print(json.dumps({"library": version}))
