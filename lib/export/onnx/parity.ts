/**
 * The ONNX parity gate: does the exported graph, run by onnxruntime, predict what the TypeScript model
 * predicts? A model that fails is not exportable (the registry records the report).
 *
 * For every family the gate feeds both sides the same rows: `randomRows` (default 10,000) seeded
 * random rows with NaN, ±∞ and unseen categories (`parity_rows.ts`), plus, for tree ensembles, the
 * threshold probes (every split at its float32 value and both neighbouring floats, every category of
 * every categorical split, an unseen category and NaN at every node). It then checks:
 *
 * - **leaf assignment** (trees): the leaf-index twin of the file (`treeLeafIndexOnnx`: the file's own
 *   TreeEnsemble node, only its leaf weights replaced by leaf ids) must put every row in the same leaf
 *   of every tree as `leafIndex` in TypeScript; `leafMismatches` counts (row, tree) pairs that differ;
 * - **outputs**: probabilities (`kind: "probability"`) within `|ONNX − TS| ≤ 1e-6`; raw outputs
 *   (margins, regression values, scores, embeddings) within `|ONNX − TS| / max(1, |TS|) ≤ 1e-5`
 *   (relative above 1, absolute below). NaN on both sides agrees; NaN on one side is an infinite
 *   difference.
 *
 * @example
 * ```ts ignore
 * const bytes = exportGbdt(model, { calibrator });
 * const report = await checkOnnxParity({ kind: "gbdt", model, calibrator }, bytes);
 * report.pass; // true; report.leafMismatches === 0, report.maxAbsDiff ≈ 3e-8
 * ```
 * @module
 */
import type { Calibrator } from "../../calibration/mod.ts";
import type { Matrix } from "../../data/types.ts";
import { leafIndex } from "../../models/tree/mod.ts";
import { normal, Rng } from "../../random/mod.ts";
import { type GbdtLike, linkOf } from "./gbdt_onnx.ts";
import {
  evaluateLayerList,
  type LayerList,
  type LayerListFeeds,
  validateLayerList,
} from "../../models/network/mod.ts";
import { linearFeatureSpace, type LogisticLike } from "./linear_onnx.ts";
import { concatRows, randomRows, treeFeatureSpace, treeProbeRows } from "./parity_rows.ts";
import { FEATURES_INPUT, treeLeafIndexOnnx } from "./tree_ensemble_onnx.ts";
import { type OnnxFeed, OnnxSession } from "./run.ts";

/** Whether an output is a probability (absolute tolerance) or a raw value (relative tolerance). */
export type OutputKind = "probability" | "raw";

/** Tolerances of the gate. */
export interface ParityTolerance {
  /** Max |ONNX − TS| on probabilities. */
  probability: number;
  /** Max |ONNX − TS| / max(1, |TS|) on raw outputs. */
  rawRelative: number;
}

/** The tolerances: 1e-6 absolute on probabilities, 1e-5 relative on raw outputs. */
export const PARITY_TOLERANCE: ParityTolerance = Object.freeze({ probability: 1e-6, rawRelative: 1e-5 });

/** Agreement on one output. */
export interface OutputParity {
  name: string;
  kind: OutputKind;
  maxAbsDiff: number;
  maxRelDiff: number;
  /** Row of the largest difference (−1 when none). */
  worstRow: number;
  pass: boolean;
}

/** What the gate found. */
export interface ParityReport {
  family: string;
  /** Rows fed to both sides (random + probes + given). */
  rows: number;
  randomRows: number;
  probeRows: number;
  /** Probes whose TypeScript route reaches the node they target. */
  probesReached: number;
  /** Largest |ONNX − TS| over all outputs. */
  maxAbsDiff: number;
  /** Largest |ONNX − TS| / max(1, |TS|) over all outputs. */
  maxRelDiff: number;
  /** (row, tree) pairs whose ONNX leaf differs from TypeScript's (0 for non-tree families). */
  leafMismatches: number;
  /** (row, tree) pairs compared. */
  leafChecks: number;
  tolerance: ParityTolerance;
  outputs: OutputParity[];
  pass: boolean;
  /** Why it failed (empty when it passed). */
  failures: string[];
}

/** A TypeScript predictor over a Matrix (every Matrix-based family). */
export interface MatrixPredictor {
  predict(matrix: Matrix): Float64Array;
  predictRaw(matrix: Matrix): Float64Array;
}

/** What the gate checks, by family. */
export type ParitySubject =
  | { kind: "gbdt"; model: GbdtLike & MatrixPredictor; calibrator?: Calibrator }
  | { kind: "logistic"; model: LogisticLike & MatrixPredictor; calibrator?: Calibrator }
  | {
    kind: "network";
    layerList: LayerList;
    /** Applied to the `probability` output; the graph then has a `calibrated` output. */
    calibrator?: Calibrator;
    /** Outputs that are probabilities (default: `probability`). */
    probabilityOutputs?: readonly string[];
    /** Extra feeds to check besides the random ones (e.g. a wide & deep model's encoded rows). */
    feeds?: readonly { feeds: LayerListFeeds; nRows: number }[];
    /** Family name for the report (default "network"). */
    family?: string;
  };

/** Options of {@link checkOnnxParity}. */
export interface ParityOptions {
  /** Seed of the random rows (default 1). */
  seed?: number;
  /** Number of random rows (default 10,000). */
  randomRows?: number;
  tolerance?: ParityTolerance;
  /** Rows per onnxruntime call (default 4096). */
  batchRows?: number;
}

/** Runs the parity gate for `subject` against the exported `bytes` (see the module doc). */
export async function checkOnnxParity(
  subject: ParitySubject,
  bytes: Uint8Array,
  options: ParityOptions = {},
): Promise<ParityReport> {
  const seed = options.seed ?? 1, nRandom = options.randomRows ?? 10_000;
  const tolerance = options.tolerance ?? PARITY_TOLERANCE;
  const batchRows = options.batchRows ?? 4096;
  if (subject.kind === "network") return networkParity(subject, bytes, seed, nRandom, tolerance, batchRows);

  let rows: Matrix, probeRows = 0, probesReached = 0;
  const probability: OutputKind = subject.kind === "logistic" || subject.calibrator !== undefined ||
      (subject.kind === "gbdt" && ["sigmoid", "softmax"].includes(linkOf(subject.model)))
    ? "probability"
    : "raw";
  if (subject.kind === "gbdt") {
    const m = subject.model;
    const sizes = new Map((m.categoryVocabulary ?? []).map((v) => [v.feature, v.categories.length]));
    const space = treeFeatureSpace(m.ensemble, m.featureNames, m.categoricalFeatures, sizes);
    const probes = treeProbeRows(m.ensemble, space, seed + 1);
    rows = concatRows(randomRows(space, nRandom, seed), probes.matrix);
    probeRows = probes.matrix.nRows, probesReached = probes.reached;
  } else {
    rows = randomRows(linearFeatureSpace(subject.model), nRandom, seed);
  }
  const model = subject.model;
  const expected: Record<string, { kind: OutputKind; values: Float64Array }> = {
    margin: { kind: "raw", values: model.predictRaw(rows) },
    prediction: {
      kind: probability,
      values: subject.calibrator ? calibrate(subject.calibrator, model.predict(rows)) : model.predict(rows),
    },
  };
  const got = await runBatched(bytes, rows, batchRows);
  const outputs = Object.entries(expected).map(([name, e]) =>
    compareOutput(name, e.kind, got[name], e.values, tolerance)
  );
  let leafMismatches = 0, leafChecks = 0;
  if (subject.kind === "gbdt") {
    const e = subject.model.ensemble;
    const leaves = (await runBatched(treeLeafIndexOnnx(bytes, e), rows, batchRows)).leaf!;
    const T = e.trees.length;
    for (let i = 0; i < rows.nRows; i++) {
      for (let t = 0; t < T; t++) {
        if (leaves[i * T + t] !== leafIndex(e.trees[t]!, rows.values, i * rows.nCols)) leafMismatches++;
      }
    }
    leafChecks = rows.nRows * T;
  }
  return report(
    subject.kind,
    rows.nRows,
    nRandom,
    probeRows,
    probesReached,
    outputs,
    leafMismatches,
    leafChecks,
    tolerance,
  );
}

/** Calibrated predictions, NaN where the model's prediction is NaN (the calibrator rejects NaN). */
function calibrate(c: Calibrator, p: Float64Array): Float64Array {
  const out = new Float64Array(p.length).fill(NaN);
  const ok: number[] = [];
  p.forEach((v, i) => Number.isNaN(v) || ok.push(i));
  const q = c.predict(Float64Array.from(ok, (i) => p[i]!));
  ok.forEach((i, k) => (out[i] = q[k]!));
  return out;
}

/** Runs a `features`-input graph over the rows in batches; concatenates each output. */
async function runBatched(
  bytes: Uint8Array,
  rows: Matrix,
  batchRows: number,
): Promise<Record<string, Float32Array>> {
  const session = await OnnxSession.open(bytes);
  try {
    const parts: Record<string, Float32Array[]> = {};
    for (let start = 0; start < rows.nRows; start += batchRows) {
      const end = Math.min(rows.nRows, start + batchRows);
      const data = rows.values.subarray(start * rows.nCols, end * rows.nCols);
      const out = await session.run({
        [FEATURES_INPUT]: { type: "float32", data, dims: [end - start, rows.nCols] },
      });
      for (const [k, v] of Object.entries(out)) (parts[k] ??= []).push(v);
    }
    return Object.fromEntries(Object.entries(parts).map(([k, list]) => [k, concatFloats(list)]));
  } finally {
    await session.release();
  }
}

function concatFloats(list: Float32Array[]): Float32Array {
  const out = new Float32Array(list.reduce((s, a) => s + a.length, 0));
  let o = 0;
  for (const a of list) out.set(a, o), o += a.length;
  return out;
}

/** Compares one output (see the module doc for the NaN rule and the relative difference). */
export function compareOutput(
  name: string,
  kind: OutputKind,
  onnx: ArrayLike<number> | undefined,
  ts: ArrayLike<number>,
  tolerance: ParityTolerance = PARITY_TOLERANCE,
): OutputParity {
  if (onnx === undefined || onnx.length !== ts.length) {
    return { name, kind, maxAbsDiff: Infinity, maxRelDiff: Infinity, worstRow: -1, pass: false };
  }
  let maxAbs = 0, maxRel = 0, worst = -1;
  for (let i = 0; i < ts.length; i++) {
    const a = onnx[i]!, b = ts[i]!;
    const d = Number.isNaN(a) || Number.isNaN(b)
      ? (Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity)
      : a === b
      ? 0
      : Math.abs(a - b);
    const r = d / Math.max(1, Number.isFinite(b) ? Math.abs(b) : 1);
    if (d > maxAbs) maxAbs = d, worst = i;
    if (r > maxRel) maxRel = r;
  }
  const pass = kind === "probability" ? maxAbs <= tolerance.probability : maxRel <= tolerance.rawRelative;
  return { name, kind, maxAbsDiff: maxAbs, maxRelDiff: maxRel, worstRow: worst, pass };
}

function report(
  family: string,
  rows: number,
  randomRowCount: number,
  probeRows: number,
  probesReached: number,
  outputs: OutputParity[],
  leafMismatches: number,
  leafChecks: number,
  tolerance: ParityTolerance,
): ParityReport {
  const failures: string[] = [];
  for (const o of outputs) {
    if (o.pass) continue;
    failures.push(
      o.maxAbsDiff === Infinity
        ? `output "${o.name}": missing, misshaped or NaN on one side only (row ${o.worstRow})`
        : o.kind === "probability"
        ? `output "${o.name}": max |Δ| ${
          o.maxAbsDiff.toExponential(2)
        } > ${tolerance.probability} (row ${o.worstRow})`
        : `output "${o.name}": max relative |Δ| ${o.maxRelDiff.toExponential(2)} > ${tolerance.rawRelative}`,
    );
  }
  if (leafMismatches > 0) {
    failures.push(`${leafMismatches} of ${leafChecks} (row, tree) leaf assignments differ`);
  }
  return {
    family,
    rows,
    randomRows: randomRowCount,
    probeRows,
    probesReached,
    maxAbsDiff: Math.max(0, ...outputs.map((o) => o.maxAbsDiff)),
    maxRelDiff: Math.max(0, ...outputs.map((o) => o.maxRelDiff)),
    leafMismatches,
    leafChecks,
    tolerance,
    outputs,
    pass: failures.length === 0,
    failures,
  };
}

/** Random feeds for a layer list: ids uniform over the rows of every table they index, floats N(0, 2²) with ±50 outliers. */
export function randomLayerListFeeds(
  g: LayerList,
  nRows: number,
  seed: number,
): Record<string, Float64Array> {
  validateLayerList(g);
  const rng = new Rng(seed);
  const feeds: Record<string, Float64Array> = {};
  for (const inp of g.inputs) {
    const data = new Float64Array(nRows * inp.width);
    if (inp.type === "int64") {
      let rows = Infinity;
      for (const l of g.layers) {
        if (l.kind === "embedding" && l.input === inp.name) rows = Math.min(rows, l.rows);
      }
      const n = Number.isFinite(rows) ? rows : 1;
      for (let i = 0; i < data.length; i++) data[i] = rng.int(n);
    } else {
      for (let i = 0; i < data.length; i++) {
        data[i] = rng.bernoulli(0.01) ? rng.pick([-50, 50]) : Math.fround(normal(rng, 0, 2));
      }
    }
    feeds[inp.name] = data;
  }
  return feeds;
}

async function networkParity(
  subject: Extract<ParitySubject, { kind: "network" }>,
  bytes: Uint8Array,
  seed: number,
  nRandom: number,
  tolerance: ParityTolerance,
  batchRows: number,
): Promise<ParityReport> {
  const g = subject.layerList;
  const probabilityOutputs = new Set(subject.probabilityOutputs ?? ["probability"]);
  const batches = [
    { feeds: randomLayerListFeeds(g, nRandom, seed) as LayerListFeeds, nRows: nRandom },
    ...(subject.feeds ?? []),
  ];
  const expected: Record<string, number[]> = {}, got: Record<string, number[]> = {};
  const session = await OnnxSession.open(bytes);
  let rows = 0;
  try {
    for (const batch of batches) {
      const ts = evaluateLayerList(g, batch.feeds, batch.nRows);
      if (subject.calibrator) ts.calibrated = calibrate(subject.calibrator, ts.probability!);
      for (let start = 0; start < batch.nRows; start += batchRows) {
        const end = Math.min(batch.nRows, start + batchRows);
        const feeds: Record<string, OnnxFeed> = {};
        for (const inp of g.inputs) {
          const all = batch.feeds[inp.name]!;
          feeds[inp.name] = {
            type: inp.type,
            data: Array.prototype.slice.call(all, start * inp.width, end * inp.width),
            dims: [end - start, inp.width],
          };
        }
        const out = await session.run(feeds);
        for (const [k, v] of Object.entries(out)) appendTo(got[k] ??= [], v);
      }
      for (const [k, v] of Object.entries(ts)) appendTo(expected[k] ??= [], v);
      rows += batch.nRows;
    }
  } finally {
    await session.release();
  }
  const names = [...g.outputs, ...(subject.calibrator ? ["calibrated"] : [])];
  const inputNames = new Set(g.inputs.map((i) => i.name));
  const outputs = names.map((name) =>
    compareOutput(
      name,
      probabilityOutputs.has(name) || name === "calibrated" ? "probability" : "raw",
      got[inputNames.has(name) ? `${name}_out` : name], // a passed-through input is exported as `<name>_out`
      expected[name] ?? [],
      tolerance,
    )
  );
  return report(subject.family ?? "network", rows, nRandom, 0, 0, outputs, 0, 0, tolerance);
}

function appendTo(list: number[], values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) list.push(values[i]!);
}
