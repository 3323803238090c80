import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { timeSeriesFolds } from "./mod.ts";

Deno.test("time-series folds on row order equal scikit-learn TimeSeriesSplit (n_splits, gap, test_size)", () => {
  // sklearn 1.2.1 (/usr/bin/python3): [(tr.tolist(), te.tolist()) for tr, te in
  //   TimeSeriesSplit(n_splits=k, gap=gap, test_size=ts).split(np.zeros(n))]
  const cases: [number, number, number, number | undefined, [number[], number[]][]][] = [
    [10, 3, 1, undefined, [[[0, 1, 2], [4, 5]], [[0, 1, 2, 3, 4], [6, 7]], [[0, 1, 2, 3, 4, 5, 6], [8, 9]]]],
    [12, 4, 0, undefined, [
      [[0, 1, 2, 3], [4, 5]],
      [[0, 1, 2, 3, 4, 5], [6, 7]],
      [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9]],
      [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 11]],
    ]],
    [20, 3, 2, 4, [
      [[0, 1, 2, 3, 4, 5], [8, 9, 10, 11]],
      [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [12, 13, 14, 15]],
      [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], [16, 17, 18, 19]],
    ]],
  ];
  for (const [n, k, gap, testSize, expected] of cases) {
    const folds = timeSeriesFolds({ nRows: n }, { k, gap, testSize });
    assert.deepEqual(folds.map((f) => [[...f.train], [...f.test]]), expected);
  }
});

Deno.test("property: time-series folds train strictly more than `gap` before test, expand, and test later each time", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 12, maxLength: 150 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 3 }),
      (times, k, gap) => {
        for (const byTime of [true, false]) {
          let folds;
          try {
            folds = byTime
              ? timeSeriesFolds({ times }, { k, gap })
              : timeSeriesFolds({ nRows: times.length }, { k, gap });
          } catch (e) {
            assert.ok(e instanceof InputError, String(e)); // too many ties / too large a gap: a clear error
            continue;
          }
          const t = (i: number) => (byTime ? times[i]! : i);
          let prevTrain = -1, prevTestMax = -Infinity;
          for (const { train, test } of folds) {
            assert.ok(train.length > 0 && test.length > 0);
            const trainMax = Math.max(...[...train].map(t)), testMin = Math.min(...[...test].map(t));
            assert.ok(trainMax + gap < testMin, `train ${trainMax} + gap ${gap} < test ${testMin}`);
            assert.ok(testMin > prevTestMax, "test blocks move forward and never overlap");
            assert.ok(train.length >= prevTrain, "the training window expands");
            prevTrain = train.length, prevTestMax = Math.max(...[...test].map(t));
          }
          if (!byTime) assert.equal(prevTestMax, times.length - 1); // the last block ends at the last row
        }
      },
    ),
  );
});

Deno.test("time-series folds on a time column: rows in any order, ties never straddle a boundary", () => {
  // times of rows 0..9; sorted: 1 2 3 3 3 4 5 6 7 8 → k 2, test size ⌊10/3⌋ = 3, blocks start at positions 4, 7
  const times = [5, 3, 8, 1, 3, 7, 2, 6, 4, 3];
  const folds = timeSeriesFolds({ times }, { k: 2, gap: 1 });
  // fold 0: T_4 = 3 … T_7 = 6 → test times in [3, 6), train times < 3 − 1 = 2
  assert.deepEqual([...folds[0]!.test], [0, 1, 4, 8, 9]);
  assert.deepEqual([...folds[0]!.train], [3]);
  // fold 1: T_7 = 6 → test times ≥ 6, train times < 5
  assert.deepEqual([...folds[1]!.test], [2, 5, 7]);
  assert.deepEqual([...folds[1]!.train], [1, 3, 4, 6, 8, 9]);
});

Deno.test("time-series folds: InputErrors for bad k, gap, testSize, NaN times, too few rows and all-tied blocks", () => {
  const field = (fn: () => unknown, name: string) =>
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.field === name);
  field(() => timeSeriesFolds({ nRows: 10 }, { k: 0 }), "k");
  field(() => timeSeriesFolds({ nRows: 3 }, { k: 3 }), "k");
  field(() => timeSeriesFolds({ nRows: 10 }, { k: 2, gap: -1 }), "gap");
  field(() => timeSeriesFolds({ nRows: 10 }, { k: 2, gap: 1.5 }), "gap");
  field(() => timeSeriesFolds({ nRows: 10 }, { k: 3, gap: 4 }), "gap"); // first block at row 4: nothing 4 rows before it
  field(() => timeSeriesFolds({ nRows: 10 }, { k: 2, testSize: 5 }), "testSize");
  field(() => timeSeriesFolds({ nRows: 10 }, { k: 2, testSize: 0 }), "testSize");
  field(() => timeSeriesFolds({ times: [1, 2, NaN, 4] }, { k: 1 }), "times");
  field(() => timeSeriesFolds({ times: [1, 2, 2, 2, 2, 2] }, { k: 2 }), "times"); // both blocks are time 2
  field(() => timeSeriesFolds({ times: [1, 2, 3, 4, 5, 6] }, { k: 2, gap: 5 }), "gap");
});
