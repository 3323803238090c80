/**
 * Loaders for LightGBM's example data sets (under `<project root>/../shared/data/lightgbm-examples`), used by
 * tests and benchmarks to compare our GBDT with XGBoost and scikit-learn on the same rows.
 *
 * - `binary.{train,test}`, `regression.{train,test}`: tab-separated, label first, then 28 features.
 * - `rank.{train,test}`: libsvm `label idx:value …` (feature `idx` becomes column `idx`, as LightGBM reads
 *   it; absent entries are 0, not missing), with `rank.{train,test}.query` holding one group size a line.
 *
 * @example
 * ```ts ignore
 * import { loadLightgbmTrainTest } from "./lightgbm_examples.ts";
 * const { train, test } = await loadLightgbmTrainTest("binary");
 * train.matrix.nRows; // 7000
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";
import { InputError, NotFoundError } from "../errors.ts";
import type { Matrix } from "./types.ts";

/** The example sets. */
export type LightgbmExampleName = "binary" | "regression" | "rank";

/** A labelled matrix; `groups` (query sizes) only for ranking data. */
export interface LabeledData {
  readonly matrix: Matrix;
  readonly labels: Float32Array;
  readonly groups?: Int32Array;
}

/** Options of the loaders. */
export interface LightgbmExampleOptions {
  /** Folder holding the files. Default {@link DEFAULT_LIGHTGBM_EXAMPLES_DIR}. */
  dir?: string;
  /** Minimum column count for libsvm files (so train and test get the same width). */
  nCols?: number;
}

/** `<project root>/../shared/data/lightgbm-examples`, resolved from this file's location. */
export const DEFAULT_LIGHTGBM_EXAMPLES_DIR: string = fileURLToPath(
  new URL("../../../shared/data/lightgbm-examples", import.meta.url),
);

const NAMES: readonly LightgbmExampleName[] = ["binary", "regression", "rank"];

/**
 * Loads one split of an example set. Throws NotFoundError when the file is missing and InputError
 * (naming the file and line) when it is malformed.
 */
export async function loadLightgbmExample(
  name: LightgbmExampleName,
  split: "train" | "test",
  options: LightgbmExampleOptions = {},
): Promise<LabeledData> {
  if (!NAMES.includes(name)) {
    throw new InputError("name", `must be one of ${NAMES.map((n) => `"${n}"`).join(", ")}, got "${name}"`);
  }
  if (split !== "train" && split !== "test") {
    throw new InputError("split", `must be "train" or "test", got "${split}"`);
  }
  const dir = options.dir ?? DEFAULT_LIGHTGBM_EXAMPLES_DIR;
  const path = `${dir}/${name}.${split}`;
  const text = await readText(path);
  if (name !== "rank") return parseTsv(text, path);
  const data = parseLibsvm(text, path, options.nCols ?? 0);
  const groups = parseQuery(await readText(`${path}.query`), `${path}.query`);
  let sum = 0;
  for (const g of groups) sum += g;
  if (sum !== data.labels.length) {
    throw new InputError(
      `${path}.query`,
      `group sizes sum to ${sum} but the data has ${data.labels.length} rows`,
    );
  }
  return { ...data, groups };
}

/** Loads train and test of an example set with the same column count. */
export async function loadLightgbmTrainTest(
  name: LightgbmExampleName,
  options: LightgbmExampleOptions = {},
): Promise<{ train: LabeledData; test: LabeledData }> {
  const train = await loadLightgbmExample(name, "train", options);
  const test = await loadLightgbmExample(name, "test", { ...options, nCols: train.matrix.nCols });
  if (test.matrix.nCols > train.matrix.nCols) {
    throw new InputError(
      `${name}.test`,
      `has ${test.matrix.nCols} columns but ${name}.train has ${train.matrix.nCols}`,
    );
  }
  return { train, test };
}

async function readText(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new NotFoundError(
        path,
        "LightGBM example file; the data sets live in ../shared/data/lightgbm-examples beside the project",
      );
    }
    throw e;
  }
}

function featureNames(n: number): string[] {
  return Array.from({ length: n }, (_, j) => `f${j}`);
}

function parseNumber(token: string, source: string, line: number): number {
  const v = Number(token);
  if (token === "" || !Number.isFinite(v)) {
    throw new InputError(source, `line ${line}: "${token}" is not a number`);
  }
  return v;
}

/** Parses tab-separated rows `label<TAB>x0<TAB>x1 …`; every row must have the same width. */
export function parseTsv(text: string, source = "tsv"): LabeledData {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new InputError(source, "has no rows");
  const width = lines[0]!.split("\t").length;
  if (width < 2) throw new InputError(source, "line 1: expected a label and at least one feature");
  const nCols = width - 1, nRows = lines.length;
  const values = new Float32Array(nRows * nCols), labels = new Float32Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const parts = lines[i]!.trimEnd().split("\t");
    if (parts.length !== width) {
      throw new InputError(source, `line ${i + 1} has ${parts.length} fields, expected ${width}`);
    }
    labels[i] = parseNumber(parts[0]!, source, i + 1);
    for (let j = 0; j < nCols; j++) values[i * nCols + j] = parseNumber(parts[j + 1]!, source, i + 1);
  }
  return { matrix: { nRows, nCols, values, featureNames: featureNames(nCols) }, labels };
}

/** Parses libsvm rows `label idx:value …` into a dense matrix of width max(max idx + 1, minCols); absent = 0. */
export function parseLibsvm(text: string, source = "libsvm", minCols = 0): LabeledData {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new InputError(source, "has no rows");
  const labelList = new Float32Array(lines.length);
  const rows: { idx: number[]; val: number[] }[] = [];
  let maxIdx = -1;
  lines.forEach((line, i) => {
    const parts = line.trim().split(/\s+/);
    labelList[i] = parseNumber(parts[0]!, source, i + 1);
    const idx: number[] = [], val: number[] = [];
    for (let t = 1; t < parts.length; t++) {
      const tok = parts[t]!;
      const colon = tok.indexOf(":");
      const j = colon > 0 ? Number(tok.slice(0, colon)) : NaN;
      if (!Number.isInteger(j) || j < 0) {
        throw new InputError(source, `line ${i + 1}: "${tok}" is not idx:value`);
      }
      idx.push(j);
      val.push(parseNumber(tok.slice(colon + 1), source, i + 1));
      if (j > maxIdx) maxIdx = j;
    }
    rows.push({ idx, val });
  });
  const nCols = Math.max(maxIdx + 1, minCols), nRows = lines.length;
  const values = new Float32Array(nRows * nCols);
  rows.forEach(({ idx, val }, i) => idx.forEach((j, t) => (values[i * nCols + j] = val[t]!)));
  return { matrix: { nRows, nCols, values, featureNames: featureNames(nCols) }, labels: labelList };
}

/** Parses a `.query` file: one positive integer group size per line. */
export function parseQuery(text: string, source = "query"): Int32Array {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return Int32Array.from(lines, (l, i) => {
    const g = Number(l.trim());
    if (!Number.isInteger(g) || g < 1) {
      throw new InputError(source, `line ${i + 1}: "${l.trim()}" is not a positive group size`);
    }
    return g;
  });
}
