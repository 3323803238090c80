"""Reference bin edges from LightGBM for lib/models/gbdt/lightgbm_bins_test.ts (investigation only;
LightGBM is not a project dependency). Usage: python3 lightgbm_bins_reference.py  (needs lightgbm 4.x).

The columns are generated with integer arithmetic so the TypeScript test rebuilds identical float32 values.
LightGBM's bin upper bounds are read back by fitting, per feature, one tree with target y = x
(num_leaves = number of bins, min_data_in_leaf = 1): every boundary between two non-empty bins is a
split threshold of that tree. The number of bins comes from Dataset.feature_num_bin.
"""
import json
import math

import lightgbm as lgb
import numpy as np

N = 3000
G = 0.6180339887498949


def u(i):
    # fmod is exact, so JavaScript's (i * G) % 1 gives the same double.
    return math.fmod(i * G, 1.0)


def r(x):
    return math.floor(x + 0.5)  # JavaScript's Math.round (Python's round() rounds half to even)


def columns():
    # Skewed small integers plus six values seen once (20..25): min_data_in_bin merges those.
    c0 = [20 + i // 500 if i % 500 == 0 else math.floor(12 * u(i + 1) * u(i + 1) * u(i + 1) * u(i + 1)) for i in range(N)]
    c1 = [r((u(i + 7) - 0.4) * 1e4) / 100 for i in range(N)]
    c2 = [1.0 if i % 3 == 0 else math.floor(u(i + 13) * 5e4) / 1e4 for i in range(N)]
    c3 = [float("nan") if i % 7 == 0 else r((u(i + 29) - 0.5) * 1e3) / 10 for i in range(N)]
    return [np.array(c, dtype=np.float32) for c in (c0, c1, c2, c3)]


def thresholds(tree, out):
    if "split_index" in tree:
        if tree["threshold"] < 1e300:  # 1e300: the split that sends only the missing bin right
            out.append(tree["threshold"])
        thresholds(tree["left_child"], out)
        thresholds(tree["right_child"], out)


def main():
    res = {}
    for min_data_in_bin in (3, 1):
        for f, x in enumerate(columns()):
            if min_data_in_bin == 1 and f > 0:
                continue
            X = x.reshape(-1, 1).astype(np.float64)
            y = np.where(np.isnan(x), -1000.0, x).astype(np.float64)
            params = {"max_bin": 63, "min_data_in_bin": min_data_in_bin, "feature_pre_filter": False, "verbose": -1}
            ds = lgb.Dataset(X, y, params=params).construct()
            nbin = ds.feature_num_bin(0)
            booster = lgb.train({**params, "objective": "regression", "num_leaves": max(2, nbin),
                                 "min_data_in_leaf": 1, "min_sum_hessian_in_leaf": 0, "learning_rate": 1,
                                 "num_iterations": 1, "num_threads": 1}, ds)
            t = []
            thresholds(booster.dump_model()["tree_info"][0]["tree_structure"], t)
            res[f"c{f}_min{min_data_in_bin}"] = {"numBin": nbin, "thresholds": sorted(set(t))}
    print(json.dumps(res))


main()
