/**
 * ONNX export for every family: export time, file size, the parity gate's max |Δ|, and single-row and
 * 1k-row batch latency in onnxruntime-node against the TypeScript predictor, in the same run.
 *
 * Models (seeded, synthetic): GBDT of each objective on 20,000 rows × 8 features (2 categorical, 10 %
 * missing), 200 trees of up to 31 leaves (multiclass: 3 classes × 200); the binary GBDT with an
 * isotonic calibrator; logistic regression with a Platt calibrator on the same table; wide & deep on
 * the planted cross data (hidden [64, 32]); the two-tower user tower (ID + 2 hidden layers).
 *
 * Export time: the median of 5 exports. Latency: the median of 400 single-row calls and of 30 1,000-row calls, after warm-up; onnxruntime
 * through one open `InferenceSession` (CPU, default threads), TypeScript through the model's
 * `predict` (GBDT, logistic: from a Matrix, calibrator included) or `evaluateLayerList` (networks:
 * both sides take the encoded inputs; the encoder is outside the graph). Parity: `checkOnnxParity`
 * with 10,000 random rows (+ the threshold probes for trees).
 *
 * Usage: `deno task bench onnx [--quick]` (`--quick`: 50 trees, 5k rows, 2k parity rows →
 * bench/results/onnx_quick.json). Writes bench/results/onnx.json (with the table as `markdown`);
 * the README block is left to the lead.
 */
import { type Calibrator, fitCalibrator, fitIsotonic } from "../lib/calibration/mod.ts";
import type { Matrix } from "../lib/data/mod.ts";
import {
  checkOnnxParity,
  evaluateLayerList,
  exportGbdt,
  exportLogistic,
  exportNetwork,
  type LayerList,
  type OnnxFeed,
  OnnxSession,
  type ParityReport,
  type ParitySubject,
} from "../lib/export/onnx/mod.ts";
import { writeJsonAtomic } from "../lib/io/mod.ts";
import { fitGbdt, type GbdtModel, type ObjectiveName } from "../lib/models/gbdt/mod.ts";
import { fitLogistic } from "../lib/models/linear/mod.ts";
import { fitTwoTower } from "../lib/models/two_tower/mod.ts";
import { fitWideDeep, plantedCrossData } from "../lib/models/wide_deep/mod.ts";
import { Rng } from "../lib/random/mod.ts";
import { makeInteractions } from "../lib/recsys/mod.ts";
import { machineInfo, markdownTable } from "./common.ts";

interface Settings {
  rows: number;
  trees: number;
  parityRows: number;
  singleCalls: number;
  batchCalls: number;
}

const FULL: Settings = { rows: 20_000, trees: 200, parityRows: 10_000, singleCalls: 400, batchCalls: 30 };
const QUICK: Settings = { rows: 5_000, trees: 50, parityRows: 2_000, singleCalls: 100, batchCalls: 10 };

/** Columns: 6 numeric (10 % NaN in two), 2 categorical (12 and 40 codes). */
function table(nRows: number, seed: number): { matrix: Matrix; score: Float64Array; groups: number[] } {
  const rng = new Rng(seed);
  const F = 8;
  const values = new Float32Array(nRows * F), score = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const x = Array.from({ length: 6 }, (_, j) => (j < 2 && rng.bernoulli(0.1) ? NaN : rng.uniform(-3, 3)));
    const c1 = rng.int(12), c2 = rng.int(40);
    values.set([...x, c1, c2], i * F);
    const v = (k: number) => (Number.isNaN(x[k]!) ? 0.5 : x[k]!);
    score[i] = v(0) - 0.5 * v(1) + Math.sin(x[2]!) + 0.3 * x[3]! * x[4]! + (c1 % 3 === 0 ? 1 : -0.5) +
      (c2 % 7 === 1 ? 0.8 : 0) + rng.uniform(-1, 1);
  }
  const groups: number[] = [];
  for (let left = nRows; left > 0; left -= 20) groups.push(Math.min(20, left));
  return {
    matrix: { nRows, nCols: F, values, featureNames: ["x0", "x1", "x2", "x3", "x4", "x5", "c1", "c2"] },
    score,
    groups,
  };
}

function labelsFor(objective: ObjectiveName, score: Float64Array): Float64Array {
  return score.map((s) =>
    objective === "binary"
      ? (s > 0 ? 1 : 0)
      : objective === "multiclass"
      ? (s < -0.5 ? 0 : s < 1 ? 1 : 2)
      : objective === "poisson"
      ? Math.max(0, Math.round(s + 2))
      : objective === "lambdarank"
      ? Math.max(0, Math.min(3, Math.round(s + 1)))
      : s
  );
}

/** Median of `calls` timings (ms) of `fn` after `warm` warm-up calls. */
async function medianMs(fn: () => unknown, calls: number, warm = 10): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

function rowsOf(m: Matrix, start: number, n: number): Matrix {
  return { ...m, nRows: n, values: m.values.slice(start * m.nCols, (start + n) * m.nCols) };
}

interface FamilyResult {
  family: string;
  detail: string;
  exportMs: number;
  bytes: number;
  parity:
    & Pick<ParityReport, "rows" | "maxAbsDiff" | "maxRelDiff" | "leafMismatches" | "pass" | "failures">
    & {
      /** The main output (prediction, probability, calibrated, embedding) and its max |ONNX − TS|. */
      output: string;
      outputAbsDiff: number;
    };
  onnxSingleUs: number;
  tsSingleUs: number;
  onnxBatchMs: number;
  tsBatchMs: number;
}

/** A Matrix-input family: export, parity, latency. */
async function matrixFamily(
  family: string,
  detail: string,
  exportFn: () => Uint8Array,
  subject: ParitySubject,
  tsPredict: (m: Matrix) => unknown,
  data: Matrix,
  s: Settings,
): Promise<FamilyResult> {
  const bytes = exportFn();
  const exportMs = await medianMs(exportFn, 5, 1);
  const parity = await checkOnnxParity(subject, bytes, { randomRows: s.parityRows });
  const session = await OnnxSession.open(bytes);
  const feed = (m: Matrix): Record<string, OnnxFeed> => ({
    features: { type: "float32", data: m.values, dims: [m.nRows, m.nCols] },
  });
  const one = rowsOf(data, 7, 1), batch = rowsOf(data, 0, 1000);
  const oneFeed = feed(one), batchFeed = feed(batch);
  const result: FamilyResult = {
    family,
    detail,
    exportMs,
    bytes: bytes.length,
    parity: pickParity(parity),
    onnxSingleUs: 1000 * await medianMs(() => session.run(oneFeed), s.singleCalls),
    tsSingleUs: 1000 * await medianMs(() => tsPredict(one), s.singleCalls),
    onnxBatchMs: await medianMs(() => session.run(batchFeed), s.batchCalls, 3),
    tsBatchMs: await medianMs(() => tsPredict(batch), s.batchCalls, 3),
  };
  await session.release();
  return result;
}

/** A network family: feeds are the encoded inputs on both sides. */
async function networkFamily(
  family: string,
  detail: string,
  g: LayerList,
  feeds: Record<string, ArrayLike<number>>,
  nRows: number,
  s: Settings,
  calibrator?: Calibrator,
): Promise<FamilyResult> {
  const bytes = exportNetwork(g, { calibrator });
  const exportMs = await medianMs(() => exportNetwork(g, { calibrator }), 5, 1);
  const parity = await checkOnnxParity(
    { kind: "network", layerList: g, calibrator, family, feeds: [{ feeds, nRows }] },
    bytes,
    { randomRows: s.parityRows },
  );
  const slice = (start: number, n: number) => {
    const f: Record<string, Float32Array | Float64Array> = {};
    const onnx: Record<string, OnnxFeed> = {};
    for (const inp of g.inputs) {
      const all = feeds[inp.name]!;
      const part = Array.prototype.slice.call(all, start * inp.width, (start + n) * inp.width) as number[];
      f[inp.name] = inp.type === "int64" ? Float64Array.from(part) : Float32Array.from(part);
      onnx[inp.name] = { type: inp.type, data: f[inp.name]!, dims: [n, inp.width] };
    }
    return { ts: f, onnx };
  };
  const one = slice(7, 1), batch = slice(0, Math.min(1000, nRows));
  const ts = (x: { ts: Record<string, ArrayLike<number>> }, n: number) => {
    const out = evaluateLayerList(g, x.ts, n);
    return calibrator ? calibrator.predict(out.probability!) : out;
  };
  const session = await OnnxSession.open(bytes);
  const batchRows = Math.min(1000, nRows);
  const result: FamilyResult = {
    family,
    detail,
    exportMs,
    bytes: bytes.length,
    parity: pickParity(parity),
    onnxSingleUs: 1000 * await medianMs(() => session.run(one.onnx), s.singleCalls),
    tsSingleUs: 1000 * await medianMs(() => ts(one, 1), s.singleCalls),
    onnxBatchMs: await medianMs(() => session.run(batch.onnx), s.batchCalls, 3),
    tsBatchMs: await medianMs(() => ts(batch, batchRows), s.batchCalls, 3),
  };
  await session.release();
  return result;
}

function pickParity(r: ParityReport): FamilyResult["parity"] {
  const names = r.outputs.map((o) => o.name);
  const main = ["calibrated", "prediction", "probability"].find((n) => names.includes(n)) ?? names[0]!;
  return {
    output: main,
    outputAbsDiff: r.outputs.find((o) => o.name === main)!.maxAbsDiff,
    rows: r.rows,
    maxAbsDiff: r.maxAbsDiff,
    maxRelDiff: r.maxRelDiff,
    leafMismatches: r.leafMismatches,
    pass: r.pass,
    failures: r.failures,
  };
}

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "quick": "50 trees, 5k rows, 2k parity rows",
};

/** Runs the benchmark; writes bench/results/onnx.json (onnx_quick.json with --quick). */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const s = quick ? QUICK : FULL;
  const loadStart = Deno.loadavg()[0]!;
  const { matrix, score, groups } = table(s.rows, 1);
  const results: FamilyResult[] = [];
  const gbdts = new Map<ObjectiveName, GbdtModel>();
  for (
    const objective of ["binary", "regression", "poisson", "multiclass", "lambdarank"] as ObjectiveName[]
  ) {
    const model = fitGbdt({
      matrix,
      labels: labelsFor(objective, score),
      ...(objective === "lambdarank" ? { groups } : {}),
    }, {
      params: {
        objective,
        nEstimators: s.trees,
        numLeaves: 31,
        learningRate: 0.05,
        categoricalFeatures: [6, 7],
        ...(objective === "multiclass" ? { numClass: 3 } : {}),
      },
      seed: 1,
    });
    gbdts.set(objective, model);
    console.log(`[bench onnx] gbdt ${objective}: ${model.nTrees} trees`);
    results.push(
      await matrixFamily(
        `gbdt ${objective}`,
        `${model.nTrees} trees`,
        () => exportGbdt(model),
        { kind: "gbdt", model },
        (m) => model.predict(m),
        matrix,
        s,
      ),
    );
  }
  const binary = gbdts.get("binary")!;
  const holdout = table(4000, 2);
  const iso = fitIsotonic(binary.predict(holdout.matrix), labelsFor("binary", holdout.score));
  results.push(
    await matrixFamily(
      "gbdt binary + isotonic",
      `${binary.nTrees} trees, ${iso.thresholds.length}-point map`,
      () => exportGbdt(binary, { calibrator: iso }),
      { kind: "gbdt", model: binary, calibrator: iso },
      (m) => iso.predict(binary.predict(m)),
      matrix,
      s,
    ),
  );
  const logistic = fitLogistic({ matrix, labels: labelsFor("binary", score) }, {
    params: { categoricalFeatures: [6, 7] },
  });
  const platt = fitCalibrator("platt", logistic.predict(holdout.matrix), labelsFor("binary", holdout.score));
  console.log("[bench onnx] logistic");
  results.push(
    await matrixFamily(
      "logistic + Platt",
      `${logistic.coefficients.length} encoded columns`,
      () => exportLogistic(logistic, { calibrator: platt }),
      { kind: "logistic", model: logistic, calibrator: platt },
      (m) => platt.predict(logistic.predict(m)),
      matrix,
      s,
    ),
  );

  console.log("[bench onnx] wide & deep");
  const planted = plantedCrossData(quick ? 2000 : 10_000, 8);
  const wd = await fitWideDeep(planted, {
    params: { crosses: [["a", "b"]], hiddenUnits: [64, 32], maxEpochs: quick ? 1 : 3 },
    seed: 3,
  });
  const encoded = wd.encode(planted.matrix);
  results.push(
    await networkFamily(
      "wide & deep",
      `hidden [64, 32], ${wd.toLayerList().layers.length} layers`,
      wd.toLayerList(),
      wd.feeds(encoded),
      encoded.nRows,
      s,
    ),
  );

  console.log("[bench onnx] two-tower");
  const rng = new Rng(5);
  const user: number[] = [], item: number[] = [], timestamp: number[] = [];
  const nUsers = 2000, nItems = 1000;
  for (let u = 0; u < nUsers; u++) {
    for (let j = 0; j < 5; j++) user.push(u), item.push((u % 10) * 100 + rng.int(100)), timestamp.push(j);
  }
  const tt = await fitTwoTower({ train: makeInteractions({ user, item, timestamp, nUsers, nItems }) }, {
    seed: 4,
    params: { embeddingDim: 32, idDim: 32, hidden: [64, 64], batchSize: 256, epochs: 1 },
  });
  const tower = tt.describe("user");
  const ids = Float64Array.from({ length: 2000 }, (_, i) => i % nUsers);
  const towerFeeds: Record<string, ArrayLike<number>> = {};
  for (const inp of tower.inputs) {
    towerFeeds[inp.name] = inp.type === "int64" ? ids : new Float32Array(2000 * inp.width);
  }
  results.push(
    await networkFamily(
      "two-tower (user tower)",
      `id ${32} + hidden [64, 64] → 32, l2norm`,
      tower,
      towerFeeds,
      2000,
      s,
    ),
  );

  const header = [
    "family",
    "model",
    "export (ms)",
    "file (KiB)",
    "parity rows",
    "output",
    "max |Δ| output",
    "max rel. Δ (all)",
    "leaf mismatches",
    "parity",
    "1 row ONNX (µs)",
    "1 row TS (µs)",
    "1k rows ONNX (ms)",
    "1k rows TS (ms)",
  ];
  const rows = results.map((r) => [
    r.family,
    r.detail,
    r.exportMs,
    r.bytes / 1024,
    r.parity.rows,
    r.parity.output,
    r.parity.outputAbsDiff.toExponential(1),
    r.parity.maxRelDiff.toExponential(1),
    r.parity.leafMismatches,
    r.parity.pass ? "pass" : "FAIL",
    r.onnxSingleUs,
    r.tsSingleUs,
    r.onnxBatchMs,
    r.tsBatchMs,
  ]);
  const loadEnd = Deno.loadavg()[0]!;
  const note =
    `_onnxruntime-node 1.30 (CPU) vs the TypeScript predictor, medians of ${s.singleCalls} single-row and ` +
    `${s.batchCalls} 1,000-row calls; GBDT ${s.trees} trees × ≤ 31 leaves on ${
      s.rows.toLocaleString("en-US")
    } rows; ` +
    `parity: ${
      s.parityRows.toLocaleString("en-US")
    } random rows (+ threshold probes for trees; + the training rows for networks); ` +
    "max |Δ| on the main output (probability, value or embedding), relative Δ = |Δ| / max(1, |TS|) over every output. " +
    `Networks: encoded inputs on both sides. Load average (1 min, shared 2-core machine) ${
      loadStart.toFixed(1)
    } at start, ` +
    `${loadEnd.toFixed(1)} at end._`;
  const markdown = `${markdownTable(header, rows)}\n\n${note}`;
  const machine = machineInfo();
  const name = quick ? "onnx_quick" : "onnx";
  await writeJsonAtomic(`bench/results/${name}.json`, {
    name: "onnx",
    machine,
    settings: { ...s, quick },
    load: { start: loadStart, end: loadEnd },
    results,
    markdown,
  });
  console.log(
    `\n${markdown}\n\n[bench] wrote bench/results/${name}.json (README block: see markdown in the file)`,
  );
}
