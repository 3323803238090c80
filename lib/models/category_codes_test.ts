import assert from "node:assert/strict";
import type { Matrix } from "../data/types.ts";
import { InputError, ModelFormatError } from "../errors.ts";
import {
  checkCategoryCodes,
  parseVocabulary,
  recodeToTraining,
  trainingVocabulary,
} from "./category_codes.ts";

const vocab = [{ feature: 1, categories: ["bike", "car", "van"] }];

function matrix(codes: number[], categories?: string[]): Matrix {
  const values = new Float32Array(codes.length * 2);
  codes.forEach((c, i) => (values[i * 2] = i / 10, values[i * 2 + 1] = c));
  return {
    nRows: codes.length,
    nCols: 2,
    values,
    featureNames: ["x", "vehicle"],
    ...(categories ? { categorical: [{ feature: 1, categories }] } : {}),
  };
}

Deno.test("recodeToTraining: codes follow the strings; unseen → categories.length; NaN stays; numerics untouched", () => {
  // prediction dictionary: "van" = 0, "scooter" = 1 (never seen), "bike" = 2
  const m = matrix([0, 1, 2, NaN, 7], ["van", "scooter", "bike"]);
  const r = recodeToTraining(m, vocab);
  const col = Array.from({ length: 5 }, (_, i) => r.values[i * 2 + 1]);
  assert.deepEqual(col, [2, 3, 0, NaN, 3]); // 7 is outside the matrix's own dictionary: unseen too
  assert.deepEqual(
    Array.from({ length: 5 }, (_, i) => r.values[i * 2]),
    Array.from(m.values.filter((_, j) => j % 2 === 0)),
  );
  assert.deepEqual(r.categorical, [{ feature: 1, categories: ["bike", "car", "van"] }]);
  assert.notEqual(r.values, m.values); // a copy: the caller's matrix is not modified
  assert.equal(m.values[1], 0);
});

Deno.test("recodeToTraining: same dictionary, no strings or no vocabulary → the matrix itself", () => {
  const same = matrix([0, 2], ["bike", "car", "van"]);
  assert.equal(recodeToTraining(same, vocab), same);
  const raw = matrix([0, 2]);
  assert.equal(recodeToTraining(raw, vocab), raw);
  const other = matrix([0, 1], ["van", "bike"]);
  assert.equal(recodeToTraining(other, []), other);
});

Deno.test("trainingVocabulary keeps only the requested features that carry strings", () => {
  const m: Matrix = {
    ...matrix([0]),
    categorical: [{ feature: 1, categories: ["a", "b"] }, { feature: 0, categories: ["z"] }],
  };
  assert.deepEqual(trainingVocabulary(m, [1]), [{ feature: 1, categories: ["a", "b"] }]);
  assert.deepEqual(trainingVocabulary(m, new Set([1, 0])).map((v) => v.feature), [0, 1]);
  assert.deepEqual(trainingVocabulary(matrix([0]), [1]), []);
});

Deno.test("checkCategoryCodes rejects non-integer and negative codes, naming column and row", () => {
  checkCategoryCodes(matrix([0, 3, NaN]), [1]);
  for (const bad of [2.5, -1, Infinity]) {
    assert.throws(
      () => checkCategoryCodes(matrix([0, bad]), [1]),
      (e) =>
        e instanceof InputError && e.field === "matrix" &&
        /column 1 \("vehicle"\) has .* at row 1/.test(e.message),
    );
  }
});

Deno.test("parseVocabulary validates model-file vocabularies", () => {
  assert.deepEqual(parseVocabulary(undefined, 2, "categories"), []);
  assert.deepEqual(parseVocabulary(vocab, 2, "categories"), vocab);
  for (const bad of [{}, [{ feature: 2, categories: [] }], [{ feature: 0, categories: [1] }], [null]]) {
    assert.throws(
      () => parseVocabulary(bad, 2, "categories"),
      (e) => e instanceof ModelFormatError && e.field === "categories",
    );
  }
});
