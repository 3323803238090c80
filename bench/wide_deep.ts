/**
 * Wide & deep benchmark: accuracy on two planted click problems against our logistic regression and
 * scikit-learn / XGBoost references fitted on the same rows in the same run, training throughput on the
 * tfjs wasm and cpu backends, and inference through TypeScript, tfjs and onnxruntime (with the largest
 * ONNX − tfjs difference).
 *
 * Problems (train / valid / test drawn independently from the same generator):
 * - **xor cross**: `lib/models/wide_deep/_planted.ts` (two 4-level categoricals whose parity XOR sets
 *   the click rate 0.85 / 0.15, a weak numeric, a noise categorical). No additive model can rank it.
 * - **segment × category**: 300 customer segments × 40 offer categories with a planted rank-4 affinity
 *   `s_seg · c_cat`, plus discount (+), recency (−), a 2,000-level noise id and a weekday effect;
 *   base rate ≈ 8%. Additive models get the main effects only.
 *
 * - **offers sim (redemption)**: the offers simulator at its default scale through the offers gold
 *   features (21 numerics with missing values, segment / category / discount type / channel, plus the
 *   customer and offer ids as categoricals), 14-day windows split by time. The truth is not a column
 *   of gold, so no oracle AUC.
 *
 * Wide & deep: crosses of the interacting pair (offers: segment × category, customer × category,
 * segment × discount type, offer × segment), embeddings 8, MLP [64, 32], Adam, early stopping on
 * validation AUC. Also ours: logistic regression (one-hot, id columns left numeric) and GBDT (binary,
 * early stopping on validation AUC). References get one-hot categoricals and mean-imputed, standardised
 * numerics: `LogisticRegression(C=1)`, `MLPClassifier((64, 32), early_stopping)`;
 * `XGBClassifier(300 trees, depth 6)` gets the raw codes.
 *
 * Usage: `deno task bench wide_deep [--quick]` (`--quick`: small data, results to
 * bench/results/wide_deep_quick.json, README untouched).
 * @module
 */
import * as ort from "onnxruntime-node";
import type { Matrix } from "../lib/data/mod.ts";
import { auc } from "../lib/metrics/mod.ts";
import { fitLogistic } from "../lib/models/linear/mod.ts";
import {
  fitWideDeep,
  loadWideDeep,
  saveWideDeep,
  type WideDeepModel,
  type WideDeepParams,
} from "../lib/models/wide_deep/mod.ts";
import { plantedCrossData } from "../lib/models/wide_deep/mod.ts";
import { fitGbdt } from "../lib/models/gbdt/mod.ts";
import { wideDeepToOnnx } from "../lib/export/onnx/mod.ts";
import { Db, toMatrix } from "../lib/data/mod.ts";
import { takeMatrixRows } from "../lib/pipeline/mod.ts";
import {
  buildOffersGold,
  OFFERS_CATEGORICAL_FEATURES,
  OFFERS_NUMERIC_FEATURES,
} from "../lib/domains/offers/mod.ts";
import { DAY_MS, writeBronze } from "../sim/common/mod.ts";
import { offersSimulator } from "../sim/offers/mod.ts";
import { Rng } from "../lib/random/mod.ts";
import { markdownTable, peakRssMiB, publishUnlessQuick, runPythonReference, timed } from "./common.ts";

interface Split {
  matrix: Matrix;
  labels: Float64Array;
}
interface Problem {
  name: string;
  train: Split;
  valid: Split;
  test: Split;
  categorical: string[];
  params: Partial<WideDeepParams>;
  /** AUC of the true click probability on the test rows (the ceiling), when known. */
  oracleAuc?: number;
  /** Columns left out for our logistic regression and GBDT (the high-cardinality id columns). */
  idColumns?: string[];
}

/** The matrix without the named columns (categorical metadata re-indexed). */
function withoutColumns(m: Matrix, drop: readonly string[]): Matrix {
  const keep = m.featureNames.map((n, j) => [n, j] as const).filter(([n]) => !drop.includes(n));
  const values = new Float32Array(m.nRows * keep.length);
  for (let i = 0; i < m.nRows; i++) {
    keep.forEach(([, j], k) => values[i * keep.length + k] = m.values[i * m.nCols + j]!);
  }
  const categorical = (m.categorical ?? []).flatMap((c) => {
    const k = keep.findIndex(([, j]) => j === c.feature);
    return k < 0 ? [] : [{ feature: k, categories: c.categories }];
  });
  return { nRows: m.nRows, nCols: keep.length, values, featureNames: keep.map(([n]) => n), categorical };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The segment × category generator; returns rows and the true probabilities. */
export function segmentCategory(n: number, seed: number): Split & { truth: Float64Array } {
  const world = new Rng(7); // the planted world is fixed; only the rows depend on `seed`
  const nSeg = 300, nCat = 40, rank = 4;
  const s = Float64Array.from({ length: nSeg * rank }, () => world.uniform(-1, 1));
  const c = Float64Array.from({ length: nCat * rank }, () => world.uniform(-1, 1));
  const segMain = Float64Array.from({ length: nSeg }, () => world.uniform(-0.3, 0.3));
  const rng = new Rng(seed);
  const values = new Float32Array(n * 6), labels = new Float64Array(n), truth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const seg = rng.int(nSeg), cat = rng.int(nCat), noise = rng.int(2000), weekday = rng.int(7);
    const discount = rng.uniform(0, 0.5), recency = rng.uniform(0, 90);
    let aff = 0;
    for (let k = 0; k < rank; k++) aff += s[seg * rank + k]! * c[cat * rank + k]!;
    const z = -3 + 1.5 * aff + segMain[seg]! + 2 * discount - 0.01 * recency + (weekday >= 5 ? 0.3 : 0);
    truth[i] = sigmoid(z);
    labels[i] = rng.bernoulli(truth[i]!) ? 1 : 0;
    values.set([seg, cat, noise, weekday, discount, recency], i * 6);
  }
  return {
    matrix: {
      nRows: n,
      nCols: 6,
      values,
      featureNames: ["segment", "category", "noise_id", "weekday", "discount", "recency"],
    },
    labels,
    truth,
  };
}

function xorTruth(m: Matrix): Float64Array {
  return Float64Array.from({ length: m.nRows }, (_, i) => {
    const a = m.values[i * 4]!, b = m.values[i * 4 + 1]!, x = m.values[i * 4 + 3]!;
    return (a % 2 !== b % 2 ? 0.85 : 0.15) + 0.05 * x;
  });
}

function problems(quick: boolean): Problem[] {
  const n = quick
    ? { train: 8_000, valid: 2_000, test: 4_000 }
    : { train: 60_000, valid: 15_000, test: 30_000 };
  const common = {
    hiddenUnits: [64, 32],
    batchSize: 512,
    learningRate: 0.005,
    maxEpochs: quick ? 6 : 15,
    patience: 2,
  };
  const xTest = plantedCrossData(n.test, 3);
  const sTest = segmentCategory(n.test, 3);
  return [
    {
      name: "xor cross",
      train: plantedCrossData(n.train, 1),
      valid: plantedCrossData(n.valid, 2),
      test: xTest,
      categorical: ["a", "b", "noise"],
      params: { ...common, crosses: [["a", "b"]] },
      oracleAuc: auc(xTest.labels, xorTruth(xTest.matrix)),
    },
    {
      name: "segment × category",
      train: segmentCategory(n.train, 1),
      valid: segmentCategory(n.valid, 2),
      test: sTest,
      categorical: ["segment", "category", "noise_id", "weekday"],
      params: {
        ...common,
        categoricalFeatures: ["segment", "category", "noise_id", "weekday"],
        crosses: [["segment", "category"]],
        crossBuckets: 16_384,
      },
      oracleAuc: auc(sTest.labels, sTest.truth),
    },
  ];
}

/**
 * The offers simulator (default scale: 5,000 customers, 100 offers, ~49k impressions over ~177 days)
 * → bronze → `buildOffersGold` in 14-day windows (features as of each window's start, redemption within
 * 7 days as label). Windows starting on days 28–112 train, 126 validates, 140 and 154 test. One frame
 * for all windows, so categorical codes agree.
 */
export async function offersProblem(): Promise<Problem> {
  const out = offersSimulator.generate({ seed: 1, scale: "default" });
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "offers", out);
    const r = await db.query("select min(shown_timestamp) t0 from bronze_offers_impressions");
    const t0 = (r.columns.t0 as Float64Array)[0]!;
    const starts = [28, 42, 56, 70, 84, 98, 112, 126, 140, 154];
    let label = "redeemed";
    for (const [k, d] of starts.entries()) {
      const g = await buildOffersGold(db, {
        asOf: t0 + d * DAY_MS,
        rowDays: 14,
        table: `gold_w${k}`,
        rebuildSilver: k === 0,
      });
      label = g.label;
    }
    const union = starts.map((d, k) => `select *, ${d} as window_day from gold_w${k}`).join(" union all ");
    const frame = await db.query(
      `select *, customer_id::varchar as customer, offer_id::varchar as offer from (${union}) order by window_day, impression_id`,
    );
    const categorical = [...OFFERS_CATEGORICAL_FEATURES, "customer", "offer"];
    const features = [...OFFERS_NUMERIC_FEATURES, ...categorical];
    const matrix = toMatrix(frame, features, { categorical });
    const labels = Float64Array.from(frame.columns[label] as ArrayLike<number>);
    const day = frame.columns.window_day as ArrayLike<number>;
    const pick = (lo: number, hi: number): Split => {
      const rows = Array.from({ length: frame.nRows }, (_, i) => i).filter((i) =>
        day[i]! >= lo && day[i]! < hi
      );
      return { matrix: takeMatrixRows(matrix, rows), labels: Float64Array.from(rows, (i) => labels[i]!) };
    };
    return {
      name: "offers sim (redemption)",
      train: pick(0, 126),
      valid: pick(126, 140),
      test: pick(140, 1000),
      categorical,
      idColumns: ["customer", "offer"],
      params: {
        hiddenUnits: [64, 32],
        batchSize: 256,
        learningRate: 0.003,
        maxEpochs: 20,
        patience: 3,
        numericMissing: "mean",
        crosses: [["segment", "category"], ["customer", "category"], ["segment", "discount_type"], [
          "offer",
          "segment",
        ]],
        crossBuckets: 8_192,
        l2Embeddings: 1e-5,
      },
    };
  } finally {
    db.close();
  }
}

const PY_REFERENCE = `
import json, sys, time, numpy as np
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.metrics import roc_auc_score
import xgboost as xgb
d = sys.argv[1]; meta = json.load(open(d + "/meta.json"))
def load(name):
    X = np.fromfile(d + f"/{name}_X.bin", dtype="<f4").reshape(-1, meta["nCols"])
    y = np.fromfile(d + f"/{name}_y.bin", dtype="<f8")
    return X, y
(Xtr, ytr), (Xte, yte) = load("train"), load("test")
cat = meta["categorical"]; num = [j for j in range(meta["nCols"]) if j not in cat]
from sklearn.impute import SimpleImputer
imp = SimpleImputer().fit(Xtr[:, num])
enc = OneHotEncoder(handle_unknown="ignore").fit(np.nan_to_num(Xtr[:, cat], nan=-1)); sc = StandardScaler().fit(imp.transform(Xtr[:, num]))
from scipy.sparse import hstack, csr_matrix
def design(X): return hstack([enc.transform(np.nan_to_num(X[:, cat], nan=-1)), csr_matrix(sc.transform(imp.transform(X[:, num])))]).tocsr()
Dtr, Dte = design(Xtr), design(Xte)
out = {}
t = time.perf_counter(); lr = LogisticRegression(C=1.0, max_iter=1000).fit(Dtr, ytr); out["sklearn LogisticRegression (one-hot)"] = {"fitSeconds": time.perf_counter() - t, "auc": roc_auc_score(yte, lr.predict_proba(Dte)[:, 1])}
t = time.perf_counter(); mlp = MLPClassifier(hidden_layer_sizes=(64, 32), early_stopping=True, max_iter=50, batch_size=512, random_state=0).fit(Dtr, ytr); out["sklearn MLPClassifier (64, 32), one-hot"] = {"fitSeconds": time.perf_counter() - t, "auc": roc_auc_score(yte, mlp.predict_proba(Dte)[:, 1])}
t = time.perf_counter(); xg = xgb.XGBClassifier(n_estimators=300, max_depth=6, learning_rate=0.1, tree_method="hist", n_jobs=2).fit(Xtr, ytr); out["XGBoost 300 × depth 6 (codes)"] = {"fitSeconds": time.perf_counter() - t, "auc": roc_auc_score(yte, xg.predict_proba(Xte)[:, 1])}
print(json.dumps(out))
`;

async function pythonReference(
  p: Problem,
): Promise<Record<string, { fitSeconds: number; auc: number }> | null> {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, s] of [["train", p.train], ["test", p.test]] as const) {
      await Deno.writeFile(
        `${dir}/${name}_X.bin`,
        new Uint8Array(s.matrix.values.buffer, s.matrix.values.byteOffset, s.matrix.values.byteLength),
      );
      await Deno.writeFile(
        `${dir}/${name}_y.bin`,
        new Uint8Array(s.labels.buffer, s.labels.byteOffset, s.labels.byteLength),
      );
    }
    const cat = p.categorical.map((c) => p.train.matrix.featureNames.indexOf(c));
    await Deno.writeTextFile(
      `${dir}/meta.json`,
      JSON.stringify({ nCols: p.train.matrix.nCols, categorical: cat }),
    );
    return await runPythonReference(PY_REFERENCE, [dir]) as
      | Record<string, { fitSeconds: number; auc: number }>
      | null;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

interface AccuracyRow {
  problem: string;
  method: string;
  auc: number;
  fitSeconds: number;
  epochs?: number;
}

interface InferenceRow {
  path: string;
  rowsPerSecond: number;
}

async function inference(
  model: WideDeepModel,
  test: Split,
): Promise<{ rows: InferenceRow[]; maxAbsDiff: number; roundTripEqual: boolean }> {
  const m = test.matrix;
  const ts = await timed(() => model.predict(m));
  const tfw = await timed(() => model.predictTf(m, "wasm"));
  const session = await ort.InferenceSession.create(wideDeepToOnnx(model));
  const runOnnx = async () => {
    const b = model.encode(m);
    const feeds: Record<string, ort.Tensor> = {};
    for (const inp of model.toLayerList().inputs) {
      const data = model.feeds(b)[inp.name]!;
      feeds[inp.name] = inp.type === "int64"
        ? new ort.Tensor("int64", BigInt64Array.from(Array.from(data, (v) => BigInt(v))), [
          b.nRows,
          inp.width,
        ])
        : new ort.Tensor("float32", Float32Array.from(data), [b.nRows, inp.width]);
    }
    return (await session.run(feeds)).probability!.data as Float32Array;
  };
  await runOnnx(); // warm-up
  const onnx = await timed(runOnnx);
  await session.release();
  let maxAbsDiff = 0;
  for (let i = 0; i < m.nRows; i++) {
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(onnx.result[i]! - tfw.result[i]!));
  }
  const dir = await Deno.makeTempDir();
  await saveWideDeep(model, dir);
  const back = await loadWideDeep(dir);
  const again = back.predict(m);
  await Deno.remove(dir, { recursive: true });
  const roundTripEqual = again.every((v, i) => v === ts.result[i]);
  return {
    rows: [
      { path: "TypeScript (layer-list evaluator, encode included)", rowsPerSecond: m.nRows / ts.seconds },
      { path: "tfjs wasm (encode included)", rowsPerSecond: m.nRows / tfw.seconds },
      {
        path: "onnxruntime-node CPU (encode + tensor build included)",
        rowsPerSecond: m.nRows / onnx.seconds,
      },
    ],
    maxAbsDiff,
    roundTripEqual,
  };
}

async function throughput(
  p: Problem,
  quick: boolean,
): Promise<{ backend: string; examplesPerSecond: number }[]> {
  const n = quick ? 4_000 : 20_000;
  const w = p.train.matrix.nCols;
  const sub: Split = {
    matrix: { ...p.train.matrix, nRows: n, values: p.train.matrix.values.slice(0, n * w) },
    labels: p.train.labels.slice(0, n),
  };
  const out = [];
  for (const backend of ["wasm", "cpu"] as const) {
    const { seconds } = await timed(() =>
      fitWideDeep(sub, { params: { ...p.params, maxEpochs: 2 }, seed: 1, backend })
    );
    out.push({ backend, examplesPerSecond: (2 * n) / seconds });
  }
  return out;
}

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "quick": "small data; results to bench/results/wide_deep_quick.json",
};

/** Entry point: see the module doc. */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const accuracy: AccuracyRow[] = [];
  const through: { problem: string; backend: string; examplesPerSecond: number }[] = [];
  let infer: Awaited<ReturnType<typeof inference>> | undefined;
  const oracle: Record<string, number> = {};
  const sizes: Record<string, { train: number; valid: number; test: number; positiveRate: number }> = {};
  for (const p of [...problems(quick), await offersProblem()]) {
    console.log(`[wide_deep] ${p.name}: ${p.train.matrix.nRows} train rows`);
    sizes[p.name] = {
      train: p.train.matrix.nRows,
      valid: p.valid.matrix.nRows,
      test: p.test.matrix.nRows,
      positiveRate: p.train.labels.reduce((a, b) => a + b, 0) / p.train.labels.length,
    };
    if (p.oracleAuc !== undefined) oracle[p.name] = p.oracleAuc;
    const wd = await timed(() =>
      fitWideDeep(p.train, {
        valid: p.valid,
        params: p.params,
        seed: 1,
        backend: "wasm",
        onEpoch: (e) =>
          console.log(
            `  epoch ${e.epoch} loss ${e.trainLoss.toFixed(4)} valid AUC ${e.validAuc?.toFixed(4)}`,
          ),
      })
    );
    accuracy.push({
      problem: p.name,
      method: "wide & deep (ours, tfjs wasm)",
      auc: auc(p.test.labels, wd.result.predict(p.test.matrix)),
      fitSeconds: wd.seconds,
      epochs: wd.result.fitInfo.epochs,
    });
    // Our Newton solver is dense in the encoded width: high-cardinality id columns are left out
    // (offers) or stay plain numerics (the planted noise id), for our LR and GBDT alike.
    const drop = p.idColumns ?? [];
    const tr = withoutColumns(p.train.matrix, drop), va = withoutColumns(p.valid.matrix, drop);
    const te = withoutColumns(p.test.matrix, drop);
    const cats = p.categorical.filter((c) => c !== "noise_id" && !drop.includes(c));
    const catIdx = cats.map((c) => tr.featureNames.indexOf(c));
    const note = drop.length > 0
      ? "; no id columns"
      : cats.length < p.categorical.length
      ? "; noise id numeric"
      : "";
    const lr = await timed(() =>
      fitLogistic({ matrix: tr, labels: p.train.labels }, { params: { categoricalFeatures: catIdx } })
    );
    accuracy.push({
      problem: p.name,
      method: `logistic regression (ours, one-hot${note})`,
      auc: auc(p.test.labels, lr.result.predict(te)),
      fitSeconds: lr.seconds,
    });
    const gb = await timed(() =>
      fitGbdt({ matrix: tr, labels: p.train.labels }, {
        valid: { matrix: va, labels: p.valid.labels },
        params: {
          objective: "binary",
          nEstimators: 500,
          learningRate: 0.05,
          earlyStoppingRounds: 30,
          categoricalFeatures: catIdx,
        },
        evalMetric: "auc",
        seed: 1,
      })
    );
    accuracy.push({
      problem: p.name,
      method: `GBDT (ours, ≤ 500 trees, early stop on valid AUC${note})`,
      auc: auc(p.test.labels, gb.result.predict(te)),
      fitSeconds: gb.seconds,
    });
    const py = await pythonReference(p);
    for (const [method, r] of Object.entries(py ?? {})) {
      accuracy.push({ problem: p.name, method, auc: r.auc, fitSeconds: r.fitSeconds });
    }
    if (p.name !== "offers sim (redemption)") {
      for (const t of await throughput(p, quick)) through.push({ problem: p.name, ...t });
    }
    if (p.name === "segment × category") infer = await inference(wd.result, p.test);
  }
  const results = {
    quick,
    sizes,
    oracleAuc: oracle,
    accuracy,
    throughput: through,
    inference: infer,
    peakRssMiB: peakRssMiB(),
  };
  const md = [
    markdownTable(
      ["problem", "method", "test AUC", "fit s", "AUC / oracle"],
      accuracy.map((r) => [
        r.problem,
        r.method + (r.epochs ? ` (${r.epochs} epochs)` : ""),
        r.auc,
        r.fitSeconds,
        oracle[r.problem] === undefined ? "–" : r.auc / oracle[r.problem]!,
      ]),
    ),
    "",
    `Rows (train / valid / test, train positive rate): ${
      Object.entries(sizes).map(([k, v]) =>
        `${k} ${v.train} / ${v.valid} / ${v.test}, ${(100 * v.positiveRate).toFixed(1)}%`
      ).join("; ")
    }. Oracle AUC (true probabilities): ${
      Object.entries(oracle).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(", ")
    }.`,
    "",
    markdownTable(
      ["problem", "backend", "training examples/s", "wasm / cpu"],
      through.map((t) => {
        const cpu = through.find((u) => u.problem === t.problem && u.backend === "cpu")!;
        return [t.problem, t.backend, t.examplesPerSecond, t.examplesPerSecond / cpu.examplesPerSecond];
      }),
    ),
    "",
    infer
      ? markdownTable(
        ["inference path (segment × category test rows)", "rows/s"],
        infer.rows.map((r) => [r.path, r.rowsPerSecond]),
      ) +
        `\n\nmax |ONNX − tfjs| probability: ${
          infer.maxAbsDiff.toExponential(2)
        }; save → load predictions bit-identical: ${infer.roundTripEqual}.`
      : "",
    "",
    `Peak RSS ${Math.round(results.peakRssMiB)} MiB.`,
  ].join("\n");
  await publishUnlessQuick("wide_deep", results, md, quick);
}
