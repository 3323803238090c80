"""Reference GBDT figures for bench/gbdt.ts: XGBoost `hist` and scikit-learn HistGradientBoosting.

Run by the TypeScript benchmark (never a runtime dependency of the workbench):

    /usr/bin/python3 bench/reference/gbdt_reference.py '<json config>'

The config names the task and the shared hyper-parameters, so both sides train on the same rows with
the same number of trees, leaves / depth and learning rate:

    {"task": "binary" | "regression" | "rank" | "synthetic" | "synthetic_rank",
     "dataDir": "../shared/data/lightgbm-examples",     # binary / regression / rank
     "syntheticPath": "data/bench/....f32", "nRows": 500000, "nTrain": 400000,  # synthetic
     "nFeatures": 28,                                     # synthetic width (default 28)
     "groupsPath": "data/bench/....groups.f32", "nTrainQueries": 4000,            # synthetic_rank
     "trees": 100, "learningRate": 0.1, "maxDepth": 6, "numLeaves": 31, "maxBins": 255,
     "threads": 2, "trainRepeats": 1, "libraries": ["xgboost", "sklearn"]}

The synthetic file is raw little-endian float32, row-major, nFeatures + 1 values a row: the label,
then the features (written by bench/gbdt.ts, bench/gbdt_wide.ts or bench/gbdt_rank.ts; see their
generators); synthetic_rank's query sizes are a float32 file, the first nTrainQueries train.

Prints one JSON object: {"xgboost": {...}, "sklearn": {...}} with the quality metric(s), "trainSeconds"
(data construction + training, wall; the best of trainRepeats fits), "trainCpuSeconds" (the same span
in process CPU time, all threads), "trainSecondsRuns" (every fit) and "predictRowsPerSecond" (best of
3 over the test rows).
"""
import json
import os
import sys
import time

import numpy as np


def ndcg_at_k(labels, scores, groups, k):
    """Mean NDCG@k as LightGBM / lib/metrics: gain 2^l - 1, discount 1/log2(r + 2), stable sort by
    descending score, queries without a relevant document count as 1."""
    total, start = 0.0, 0
    for g in groups:
        y = labels[start:start + g]
        s = scores[start:start + g]
        order = np.argsort(-s, kind="stable")
        disc = 1.0 / np.log2(np.arange(min(k, g)) + 2.0)
        dcg = np.sum((2.0 ** y[order][:k] - 1.0) * disc)
        ideal = np.sum((2.0 ** np.sort(y)[::-1][:k] - 1.0) * disc)
        total += dcg / ideal if ideal > 0 else 1.0
        start += g
    return total / len(groups)


def load_tsv(path):
    a = np.loadtxt(path, delimiter="\t", dtype=np.float32)
    return a[:, 1:], a[:, 0]


def load_rank(path, n_features=None):
    from sklearn.datasets import load_svmlight_file

    x, y = load_svmlight_file(path, zero_based=True, n_features=n_features, dtype=np.float32)
    groups = np.loadtxt(path + ".query", dtype=np.int64).reshape(-1)
    return x.toarray(), y.astype(np.float32), groups


def load_data(cfg):
    task = cfg["task"]
    if task == "synthetic_rank":
        raw = np.fromfile(cfg["syntheticPath"], dtype="<f4").reshape(-1, cfg["nFeatures"] + 1)
        groups = np.fromfile(cfg["groupsPath"], dtype="<f4").astype(np.int64)
        if raw.shape[0] != cfg["nRows"] or groups.sum() != cfg["nRows"]:
            raise SystemExit(f"synthetic_rank files hold {raw.shape[0]} rows in queries of {groups.sum()}")
        q = cfg["nTrainQueries"]
        n_train = int(groups[:q].sum())
        return ((raw[:n_train, 1:], raw[:n_train, 0], groups[:q]),
                (raw[n_train:, 1:], raw[n_train:, 0], groups[q:]))
    if task == "synthetic":
        raw = np.fromfile(cfg["syntheticPath"], dtype="<f4").reshape(-1, cfg.get("nFeatures", 28) + 1)
        n, n_train = cfg["nRows"], cfg["nTrain"]
        if raw.shape[0] != n:
            raise SystemExit(f"synthetic file has {raw.shape[0]} rows, expected {n}")
        return (raw[:n_train, 1:], raw[:n_train, 0], None), (raw[n_train:, 1:], raw[n_train:, 0], None)
    d = cfg["dataDir"]
    if task == "rank":
        xtr, ytr, gtr = load_rank(f"{d}/rank.train")
        xte, yte, gte = load_rank(f"{d}/rank.test", n_features=xtr.shape[1])
        return (xtr, ytr, gtr), (xte, yte, gte)
    xtr, ytr = load_tsv(f"{d}/{task}.train")
    xte, yte = load_tsv(f"{d}/{task}.test")
    return (xtr, ytr, None), (xte, yte, None)


def best_rate(fn, n_rows):
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return out, n_rows / best


def best_fit(cfg, fit):
    """Runs `fit` cfg["trainRepeats"] times (default 1): the model, the best wall and CPU seconds, and
    every run's wall seconds (the machine is shared: the best run is the least disturbed one)."""
    runs, cpus, model = [], [], None
    for _ in range(int(cfg.get("trainRepeats", 1))):
        t0, c0 = time.perf_counter(), time.process_time()
        model = fit()
        runs.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return model, {"trainSeconds": min(runs), "trainCpuSeconds": min(cpus),
                   "trainSecondsRuns": ", ".join(f"{r:.2f}" for r in runs)}


def quality(task, y, pred, groups):
    from sklearn.metrics import log_loss, mean_squared_error, roc_auc_score

    if task in ("binary", "synthetic"):
        p = np.clip(pred, 1e-15, 1 - 1e-15)
        return {"auc": float(roc_auc_score(y, pred)), "logloss": float(log_loss(y, p))}
    if task == "regression":
        return {"rmse": float(np.sqrt(mean_squared_error(y, pred)))}
    ks = (1, 3, 5, 10) if task == "synthetic_rank" else (1, 3, 5)
    out = {f"ndcg@{k}": float(ndcg_at_k(y, pred, groups, k)) for k in ks}
    # Per-query NDCG@5, so the benchmark can pair the comparison by query.
    starts = np.concatenate([[0], np.cumsum(groups)[:-1]])
    out["ndcg@5 per query"] = [float(ndcg_at_k(y[s:s + g], pred[s:s + g], [g], 5)) for s, g in zip(starts, groups)]
    return out


def run_xgboost(cfg, train, test):
    import xgboost as xgb

    task = cfg["task"]
    objective = {"binary": "binary:logistic", "synthetic": "binary:logistic", "regression": "reg:squarederror",
                 "rank": "rank:ndcg", "synthetic_rank": "rank:ndcg"}[task]
    params = {"objective": objective, "tree_method": "hist", "nthread": cfg["threads"], "eta": cfg["learningRate"],
              "max_depth": cfg["maxDepth"], "max_bin": cfg["maxBins"], "verbosity": 0, "seed": 0}
    xtr, ytr, gtr = train
    xte, yte, gte = test

    def fit():
        dtrain = xgb.DMatrix(xtr, label=ytr, nthread=cfg["threads"])
        if gtr is not None:
            dtrain.set_group(gtr)
        return xgb.train(params, dtrain, num_boost_round=cfg["trees"])

    booster, timing = best_fit(cfg, fit)
    pred, rate = best_rate(lambda: booster.inplace_predict(xte), xte.shape[0])
    return {"library": f"xgboost {xgb.__version__}", **timing, "predictRowsPerSecond": rate,
            **quality(task, yte, np.asarray(pred, dtype=np.float64), gte)}


def run_sklearn(cfg, train, test):
    import sklearn
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    task = cfg["task"]
    if task in ("rank", "synthetic_rank"):
        return None  # no LambdaMART in scikit-learn
    cls = HistGradientBoostingRegressor if task == "regression" else HistGradientBoostingClassifier
    model = cls(max_iter=cfg["trees"], learning_rate=cfg["learningRate"], max_leaf_nodes=cfg["numLeaves"],
                max_depth=cfg["maxDepth"], max_bins=min(cfg["maxBins"], 255),
                min_samples_leaf=20, l2_regularization=0.0, early_stopping=False, random_state=0)
    xtr, ytr, _ = train
    xte, yte, gte = test
    model, timing = best_fit(cfg, lambda: model.fit(xtr, ytr))
    if task == "regression":
        pred, rate = best_rate(lambda: model.predict(xte), xte.shape[0])
    else:
        pred, rate = best_rate(lambda: model.predict_proba(xte)[:, 1], xte.shape[0])
    return {"library": f"sklearn {sklearn.__version__}", **timing, "predictRowsPerSecond": rate,
            **quality(task, yte, np.asarray(pred, dtype=np.float64), gte)}


def main():
    cfg = json.loads(sys.argv[1])
    os.environ.setdefault("OMP_NUM_THREADS", str(cfg["threads"]))
    train, test = load_data(cfg)
    out = {}
    for lib in cfg.get("libraries", ["xgboost", "sklearn"]):
        try:
            res = run_xgboost(cfg, train, test) if lib == "xgboost" else run_sklearn(cfg, train, test)
        except ImportError as e:
            res = {"error": f"not installed: {e}"}
        if res is not None:
            out[lib] = res
    print(json.dumps(out))


if __name__ == "__main__":
    main()
