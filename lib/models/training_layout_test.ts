import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import { requireDistinctFeatureNames, requireTrainingLayout } from "./training_layout.ts";

const m = (nRows: number, names: string[], length = nRows * names.length) => ({
  nRows,
  nCols: names.length,
  values: new Float32Array(length),
  featureNames: names,
});

const fails = (fn: () => void, field: string, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof InputError && e.field === field && re.test(e.message));

Deno.test("requireTrainingLayout: the training layout passes; columns, length and names are checked", () => {
  requireTrainingLayout(m(3, ["a", "b"]), ["a", "b"]);
  requireTrainingLayout(m(0, ["a", "b"]), ["a", "b"]);
  fails(
    () => requireTrainingLayout(m(2, ["a"]), ["a", "b"]),
    "matrix",
    /has 1 columns; the model was trained on 2/,
  );
  fails(
    () => requireTrainingLayout(m(2, ["a", "b"], 3), ["a", "b"]),
    "matrix",
    /values length 3 is not nRows·nCols = 4/,
  );
  fails(
    () => requireTrainingLayout(m(2, ["b", "a"]), ["a", "b"]),
    "featureNames",
    /column 0 is "b"; the model expects "a"/,
  );
});

Deno.test("requireDistinctFeatureNames: names every repeated name with its columns", () => {
  requireDistinctFeatureNames([]);
  requireDistinctFeatureNames(["a", "b", "A"]);
  fails(
    () => requireDistinctFeatureNames(["a", "b", "a", "c", "b", "a"]),
    "featureNames",
    /^Invalid "featureNames": names must be distinct; repeated: "a" \(columns 0, 2, 5\), "b" \(columns 1, 4\)$/,
  );
  fails(() => requireDistinctFeatureNames(["x", "x"], "valid.featureNames"), "valid.featureNames", /"x"/);
});
