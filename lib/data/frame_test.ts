import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import {
  columnLength,
  decodeStrings,
  encodeStrings,
  getColumn,
  getFloat64,
  getNumeric,
  makeFrame,
  takeRows,
  toMatrix,
} from "./frame.ts";
import { isStringColumn } from "./types.ts";

Deno.test("makeFrame checks equal lengths and keeps column order", () => {
  const f = makeFrame({ b: new Float64Array([1, 2]), a: encodeStrings(["x", "y"]) });
  assert.equal(f.nRows, 2);
  assert.deepEqual(f.names, ["b", "a"]);
  assert.equal(makeFrame({}).nRows, 0);
  assert.throws(
    () => makeFrame({ a: new Float64Array(2), b: new Int32Array(3) }),
    (e: unknown) => e instanceof InputError && e.field === "b",
  );
});

Deno.test("encodeStrings / decodeStrings round-trip with NULLs (property)", () => {
  fc.assert(fc.property(fc.array(fc.option(fc.string(), { nil: null })), (xs) => {
    const c = encodeStrings(xs);
    assert.deepEqual(decodeStrings(c), xs);
    assert.equal(new Set(c.dictionary).size, c.dictionary.length, "dictionary has no duplicates");
    assert.equal(columnLength(c), xs.length);
  }));
  const c = encodeStrings(["b", undefined, "a", "b"]);
  assert.deepEqual([...c.codes], [0, -1, 1, 0]);
  assert.deepEqual(c.dictionary, ["b", "a"]);
});

Deno.test("getColumn / getNumeric / getFloat64 name the problem", () => {
  const f = makeFrame({ x: new Int32Array([1, 2]), s: encodeStrings(["a", "b"]) });
  assert.throws(() => getColumn(f, "nope"), /available: x, s/);
  assert.throws(() => getNumeric(f, "s"), /string column/);
  const x = getFloat64(f, "x");
  assert.ok(x instanceof Float64Array);
  assert.deepEqual([...x], [1, 2]);
  const d = new Float64Array([3]);
  assert.equal(getFloat64(makeFrame({ d }), "d"), d, "no copy for Float64 columns");
});

Deno.test("toMatrix lays out rows, keeps NaN, and encodes categorical columns", () => {
  const f = makeFrame({
    a: new Float64Array([1, NaN, 3]),
    city: encodeStrings(["paris", null, "rome"]),
    k: new Int32Array([2, 0, 1]),
    ignored: new Float32Array([9, 9, 9]),
  });
  const m = toMatrix(f, ["a", "city", "k"], { categorical: ["city", "k"] });
  assert.equal(m.nRows, 3);
  assert.equal(m.nCols, 3);
  assert.deepEqual([...m.values], [1, 0, 2, NaN, NaN, 0, 3, 1, 1]);
  assert.deepEqual(m.featureNames, ["a", "city", "k"]);
  assert.deepEqual(m.categorical, [
    { feature: 1, categories: ["paris", "rome"] },
    { feature: 2, categories: ["0", "1", "2"] },
  ]);
  const plain = toMatrix(f, ["ignored"]);
  assert.equal(plain.categorical, undefined);
  assert.deepEqual([...plain.values], [9, 9, 9]);
});

Deno.test("toMatrix errors: empty names, unknown column, string not declared categorical, bad codes", () => {
  const f = makeFrame({
    a: new Float64Array([0.5, 1]),
    s: encodeStrings(["x", "y"]),
    n: new Int32Array([-1, 2]),
  });
  assert.throws(() => toMatrix(f, []), (e: unknown) => e instanceof InputError && e.field === "featureNames");
  assert.throws(() => toMatrix(f, ["zz"]), /no such column/);
  assert.throws(() => toMatrix(f, ["s"]), /list it in options.categorical/);
  assert.throws(() => toMatrix(f, ["a"], { categorical: ["s"] }), /not among featureNames/);
  assert.throws(() => toMatrix(f, ["a"], { categorical: ["a"] }), /not a non-negative integer code/);
  assert.throws(() => toMatrix(f, ["n"], { categorical: ["n"] }), /-1 at row 0/);
});

Deno.test("takeRows selects and repeats rows in every column type", () => {
  const f = makeFrame({
    d: new Float64Array([1, 2, 3]),
    i: new Int32Array([4, 5, 6]),
    s: encodeStrings(["a", null, "c"]),
  });
  const t = takeRows(f, [2, 0, 2, 1]);
  assert.equal(t.nRows, 4);
  assert.deepEqual([...(t.columns.d as Float64Array)], [3, 1, 3, 2]);
  assert.ok(t.columns.i instanceof Int32Array);
  assert.deepEqual([...(t.columns.i as Int32Array)], [6, 4, 6, 5]);
  const s = t.columns.s!;
  assert.ok(isStringColumn(s));
  assert.deepEqual(decodeStrings(s), ["c", "a", "c", null]);
});
