"""Reference margins from XGBoost's depth-wise growth for lib/models/gbdt/grow_policy_test.ts
(investigation only; XGBoost is not a project dependency). Usage:
    python3 xgboost_depthwise_reference.py > lib/models/gbdt/_xgboost_depthwise.json
(written with Debian's python3-xgboost 1.7.4, tree_method "hist").

120 rows × 3 integer features in 0..7 (each distinct value its own bin in both libraries), L2 loss with
base_score = mean(y), eta 0.5, lambda 1, alpha 0, min_child_weight 0, gamma 0; 3 trees of max_depth 3,
without a leaf limit and with max_leaves = 5 (where leaf-wise growth gives other trees).
"""
import json

import numpy as np
import xgboost as xgb

rng = np.random.default_rng(11)
n, nF = 120, 3
X = rng.integers(0, 8, size=(n, nF)).astype(np.float32)
y = np.round(np.sin(X[:, 0]) * 2 + X[:, 1] * 0.3 + (X[:, 2] > 3) * 0.8 + rng.normal(0, 0.5, n), 3)
out = {"xgboost": xgb.__version__, "x": X.astype(int).tolist(), "y": y.tolist(), "runs": []}
for depth, leaves, trees in [(3, 0, 3), (3, 5, 3)]:
    d = xgb.DMatrix(X, label=y)
    params = dict(tree_method="hist", grow_policy="depthwise", max_depth=depth, max_leaves=leaves, eta=0.5,
                  reg_lambda=1.0, reg_alpha=0.0, min_child_weight=0.0, gamma=0.0, base_score=float(y.mean()),
                  max_bin=256, objective="reg:squarederror", nthread=1)
    b = xgb.train(params, d, num_boost_round=trees)
    pred = b.predict(d, output_margin=True)
    out["runs"].append(dict(maxDepth=depth, maxLeaves=leaves, trees=trees,
                            margin=[round(float(v), 6) for v in pred]))
print(json.dumps(out, separators=(",", ":")))
