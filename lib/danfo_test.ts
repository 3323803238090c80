import assert from "node:assert/strict";
import { DataFrame } from "danfojs";
import fc from "fast-check";
import { InputError } from "./errors.ts";
import { danfoToFrame, frameToDanfo } from "./danfo.ts";
import { decodeStrings, encodeStrings, makeFrame } from "./data/frame.ts";
import { type Frame, isStringColumn } from "./data/types.ts";

function sameFrame(a: Frame, b: Frame): void {
  assert.deepEqual(b.names, a.names);
  assert.equal(b.nRows, a.nRows);
  for (const name of a.names) {
    const x = a.columns[name]!, y = b.columns[name]!;
    if (isStringColumn(x)) {
      assert.ok(isStringColumn(y), `${name} stays a string column`);
      assert.deepEqual(decodeStrings(y), decodeStrings(x));
    } else {
      assert.ok(!isStringColumn(y));
      assert.equal(y.constructor, x instanceof Int32Array ? Int32Array : Float64Array, `${name} type`);
      assert.deepEqual(Array.from(y), Array.from(x)); // deepEqual treats NaN as equal to NaN
    }
  }
}

Deno.test("Frame → danfo → Frame round-trips numeric, integer and string columns with NaN / NULL", () => {
  const frame = makeFrame({
    price: new Float64Array([1.25, NaN, -3.1e10, 0.1 + 0.2]),
    count: new Int32Array([1, -2, 2147483647, 0]),
    city: encodeStrings(["Lisbon", null, "Porto", "Lisbon"]),
  });
  const df = frameToDanfo(frame);
  assert.deepEqual(df.columns, ["price", "count", "city"]);
  assert.deepEqual(df.dtypes, ["float32", "int32", "string"]);
  assert.deepEqual(df.shape, [4, 3]);
  assert.deepEqual(df.values[1], [NaN, -2, null]);
  sameFrame(frame, danfoToFrame(df));
});

Deno.test("Float32 columns come back as Float64 with the same values", () => {
  const f32 = new Float32Array([0.1, NaN, 3]);
  const back = danfoToFrame(frameToDanfo(makeFrame({ x: f32 })));
  assert.deepEqual(Array.from(back.columns.x as Float64Array), Array.from(f32));
});

Deno.test("round trip holds for random frames (property)", () => {
  const col = fc.array(
    fc.tuple(
      fc.oneof(fc.double(), fc.constant(NaN)),
      fc.integer({ min: -2147483648, max: 2147483647 }),
      fc.option(fc.string({ maxLength: 6 })),
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  );
  fc.assert(
    fc.property(col, (rows) => {
      const frame = makeFrame({
        a: Float64Array.from(rows.map((r) => r[0])),
        b: Int32Array.from(rows.map((r) => r[1])),
        s: encodeStrings(rows.map((r) => r[2])),
      });
      sameFrame(frame, danfoToFrame(frameToDanfo(frame)));
    }),
    { numRuns: 30 },
  );
});

Deno.test("empty frame keeps its columns", () => {
  const frame = makeFrame({ x: new Float64Array(0), s: encodeStrings([]) });
  const df = frameToDanfo(frame);
  assert.deepEqual(df.shape, [0, 2]);
  sameFrame(frame, danfoToFrame(df));
});

Deno.test("danfoToFrame: int32 with nulls becomes Float64 with NaN; booleans 1/0; bad values rejected", () => {
  const df = new DataFrame({ n: [1, null, 3], ok: [true, false, true] }, {
    columns: ["n", "ok"],
    dtypes: ["int32", "boolean"],
  });
  const f = danfoToFrame(df);
  assert.ok(f.columns.n instanceof Float64Array);
  assert.deepEqual(Array.from(f.columns.n as Float64Array), [1, NaN, 3]);
  assert.deepEqual(Array.from(f.columns.ok as Float64Array), [1, 0, 1]);
  const mixed = new DataFrame({ n: ["a", "b"] }, { dtypes: ["float32"] });
  assert.throws(() => danfoToFrame(mixed), InputError);
});
