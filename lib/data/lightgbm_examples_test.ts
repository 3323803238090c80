import assert from "node:assert/strict";
import { InputError, NotFoundError } from "../errors.ts";
import {
  DEFAULT_LIGHTGBM_EXAMPLES_DIR,
  loadLightgbmExample,
  loadLightgbmTrainTest,
  parseLibsvm,
  parseQuery,
  parseTsv,
} from "./lightgbm_examples.ts";

Deno.test("lightgbm examples: the default folder resolves beside the project root", () => {
  assert.ok(
    DEFAULT_LIGHTGBM_EXAMPLES_DIR.endsWith("/shared/data/lightgbm-examples"),
    DEFAULT_LIGHTGBM_EXAMPLES_DIR,
  );
});

Deno.test("lightgbm examples: binary train is 7000 × 28 with 0/1 labels and the file's first row", async () => {
  const { matrix, labels, groups } = await loadLightgbmExample("binary", "train");
  assert.equal(matrix.nRows, 7000);
  assert.equal(matrix.nCols, 28);
  assert.equal(labels.length, 7000);
  assert.equal(groups, undefined);
  assert.ok(labels.every((y) => y === 0 || y === 1));
  // first line of binary.train: "1	0.869	-0.635	0.226 …	0.877"
  assert.equal(labels[0], 1);
  assert.equal(matrix.values[0], Math.fround(0.869));
  assert.equal(matrix.values[1], Math.fround(-0.635));
  assert.equal(matrix.values[27], Math.fround(0.877));
  assert.ok(matrix.values.every(Number.isFinite));
});

Deno.test("lightgbm examples: regression test split has 500 rows", async () => {
  const { test, train } = await loadLightgbmTrainTest("regression");
  assert.equal(train.matrix.nRows, 7000);
  assert.equal(test.matrix.nRows, 500);
  assert.equal(test.matrix.nCols, 28);
});

Deno.test("lightgbm examples: rank groups sum to the row count; train and test share the width", async () => {
  const { train, test } = await loadLightgbmTrainTest("rank");
  assert.equal(train.matrix.nRows, 3005);
  assert.equal(test.matrix.nRows, 768);
  assert.equal(train.groups!.length, 201);
  assert.equal(test.groups!.length, 50);
  assert.equal(train.groups!.reduce((a, b) => a + b, 0), 3005);
  assert.equal(test.groups!.reduce((a, b) => a + b, 0), 768);
  assert.equal(train.matrix.nCols, test.matrix.nCols);
  assert.equal(train.matrix.nCols, 301); // idx 1..300, used as column indices like LightGBM
  assert.ok(train.labels.every((y) => Number.isInteger(y) && y >= 0 && y <= 4));
  // first row: "0 10:0.89 11:0.75 …"; absent features are 0
  assert.equal(train.labels[0], 0);
  assert.equal(train.matrix.values[10], Math.fround(0.89));
  assert.equal(train.matrix.values[9], 0);
});

Deno.test("lightgbm examples: parsers on tiny inputs", () => {
  const tsv = parseTsv("1\t0.5\t2\n0\t-1\t3\n");
  assert.deepEqual(Array.from(tsv.labels), [1, 0]);
  assert.deepEqual(Array.from(tsv.matrix.values), [0.5, 2, -1, 3]);
  const svm = parseLibsvm("2 0:1 3:4\n0 1:2\n", "x", 5);
  assert.equal(svm.matrix.nCols, 5);
  assert.deepEqual(Array.from(svm.matrix.values), [1, 0, 0, 4, 0, 0, 2, 0, 0, 0]);
  assert.deepEqual(Array.from(parseQuery("2\n3\n")), [2, 3]);
});

Deno.test("lightgbm examples: missing files and malformed rows are clear errors", async () => {
  await assert.rejects(
    () => loadLightgbmExample("binary", "train", { dir: "/nonexistent" }),
    (e) => e instanceof NotFoundError && e.message.includes("/nonexistent/binary.train"),
  );
  assert.throws(
    () => parseTsv("1\t2\n0\n", "f.tsv"),
    (e) => e instanceof InputError && /line 2 has 1 fields/.test(e.message),
  );
  assert.throws(() => parseTsv("1\tabc\n", "f.tsv"), /line 1: "abc"/);
  assert.throws(() => parseLibsvm("1 3\n", "f.svm"), /"3" is not idx:value/);
  assert.throws(() => parseQuery("2\n0\n", "q"), /line 2/);
  await assert.rejects(
    () => loadLightgbmExample("iris" as "binary", "train"),
    (e) => e instanceof InputError && e.field === "name",
  );
});
