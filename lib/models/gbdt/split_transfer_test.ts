import assert from "node:assert/strict";
import fc from "fast-check";
import { beats, SplitInfo } from "./split.ts";
import { copySplit, MAX_CAT_BINS, newSplit, readSplit, SPLIT_RECORD, writeSplit } from "./split_transfer.ts";

const arbSplit = fc.record({
  gain: fc.oneof(fc.double({ noNaN: true }), fc.constant(-Infinity)),
  feature: fc.integer({ min: -1, max: 10_000 }),
  bin: fc.integer({ min: 0, max: 255 }),
  defaultLeft: fc.boolean(),
  categorical: fc.boolean(),
  catBins: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: MAX_CAT_BINS }).map((a) =>
    a.sort((x, y) => x - y)
  ),
  leftG: fc.double({ noNaN: true }),
  leftH: fc.double({ noNaN: true }),
  leftC: fc.integer({ min: 0, max: 2 ** 31 }),
  rightG: fc.double({ noNaN: true }),
  rightH: fc.double({ noNaN: true }),
  rightC: fc.integer({ min: 0, max: 2 ** 31 }),
  leftOutput: fc.double({ noNaN: true }),
  rightOutput: fc.double({ noNaN: true }),
});

Deno.test("split records: write then read gives back every field exactly (at any offset)", () => {
  fc.assert(
    fc.property(arbSplit, fc.integer({ min: 0, max: 3 }), (fields, slot) => {
      const s = Object.assign(new SplitInfo(), fields);
      const f64 = new Float64Array(4 * SPLIT_RECORD).fill(NaN),
        cats = new Int32Array(4 * MAX_CAT_BINS).fill(-7);
      writeSplit(s, f64, slot * SPLIT_RECORD, cats, slot * MAX_CAT_BINS);
      const back = newSplit();
      readSplit(f64, slot * SPLIT_RECORD, cats, slot * MAX_CAT_BINS, back);
      assert.deepEqual({ ...back }, { ...s });
    }),
  );
});

Deno.test("copySplit copies every field and does not share the category list", () => {
  fc.assert(
    fc.property(arbSplit, (fields) => {
      const s = Object.assign(new SplitInfo(), fields), t = newSplit();
      copySplit(s, t);
      assert.deepEqual({ ...t }, { ...s });
      t.catBins.push(999);
      assert.notEqual(s.catBins.length, t.catBins.length);
    }),
  );
});

Deno.test("beats: higher gain wins, ties go to the lower feature, no split never wins", () => {
  assert.equal(beats(2, 9, 1, 0), true);
  assert.equal(beats(1, 0, 2, 9), false);
  assert.equal(beats(1, 3, 1, 5), true);
  assert.equal(beats(1, 5, 1, 3), false);
  assert.equal(beats(1, 3, 1, 3), false);
  assert.equal(beats(-Infinity, 0, -Infinity, 5), false);
  assert.equal(beats(0.5, 7, -Infinity, -1), true);
});
