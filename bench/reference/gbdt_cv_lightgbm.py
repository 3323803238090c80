"""Out-of-fold LightGBM predictions for bench/gbdt_binning_cv.ts (a reference only; LightGBM is never a
project dependency). Usage: python gbdt_cv_lightgbm.py <dir>  where <dir> holds, written by the bench:

  meta.json    {"nRows", "nCols", "objective", "trees", "learningRate", "numLeaves", "maxDepth",
                "maxBins", "threads", "repeats", "folds"}
  X.f32        row-major float32 features, y.f32 labels, groups.i32 query sizes (ranking only)
  folds.i32    repeats × nRows fold ids (every row of a query shares its fold)

Writes oof.f64: repeats × nRows out-of-fold raw predictions (probabilities for binary).
"""
import json
import os
import sys

import lightgbm as lgb
import numpy as np

d = sys.argv[1]
meta = json.load(open(os.path.join(d, "meta.json")))
n, p = meta["nRows"], meta["nCols"]
X = np.fromfile(os.path.join(d, "X.f32"), dtype=np.float32).reshape(n, p)
y = np.fromfile(os.path.join(d, "y.f32"), dtype=np.float32)
folds = np.fromfile(os.path.join(d, "folds.i32"), dtype=np.int32).reshape(meta["repeats"], n)
rank = meta["objective"] == "lambdarank"
if rank:
    groups = np.fromfile(os.path.join(d, "groups.i32"), dtype=np.int32)
    qid = np.repeat(np.arange(len(groups)), groups)
params = {
    "objective": meta["objective"], "learning_rate": meta["learningRate"], "num_leaves": meta["numLeaves"],
    "max_depth": meta["maxDepth"], "max_bin": meta["maxBins"], "num_threads": meta["threads"],
    "verbose": -1, "deterministic": True, "seed": 0,
}
oof = np.zeros((meta["repeats"], n))
for r in range(meta["repeats"]):
    for k in range(meta["folds"]):
        tr, te = folds[r] != k, folds[r] == k
        kw = {}
        if rank:
            _, sizes = np.unique(qid[tr], return_counts=True)  # rows stay in query order
            kw["group"] = sizes
        ds = lgb.Dataset(X[tr], y[tr], **kw)
        bst = lgb.train(params, ds, num_boost_round=meta["trees"])
        oof[r, te] = bst.predict(X[te])
oof.astype(np.float64).tofile(os.path.join(d, "oof.f64"))
print(json.dumps({"library": "lightgbm " + lgb.__version__}))
