import assert from "node:assert/strict";
import fc from "fast-check";
import { type Column, type Frame, getNumeric, isStringColumn, makeFrame } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import { framesEqual } from "../common/mod.ts";
import { type FulfillmentBatch, fulfillmentSimulator, streamFulfillment } from "./mod.ts";

/** Concatenates frames with the same columns (string columns must share their dictionary). */
function concat(frames: readonly Frame[]): Frame {
  const first = frames[0]!;
  const cols: Record<string, Column> = {};
  for (const name of first.names) {
    const parts = frames.map((f) => f.columns[name]!);
    const c0 = parts[0]!;
    if (isStringColumn(c0)) {
      const codes = new Int32Array(parts.reduce((s, c) => s + (c as typeof c0).codes.length, 0));
      let at = 0;
      for (const c of parts) {
        if (!isStringColumn(c) || c.dictionary !== c0.dictionary) {
          throw new Error(`${name}: dictionaries differ`);
        }
        codes.set(c.codes, at);
        at += c.codes.length;
      }
      cols[name] = { kind: "string", codes, dictionary: c0.dictionary };
    } else {
      const out = new (c0.constructor as Float64ArrayConstructor)(
        parts.reduce((s, c) => s + (c as Float64Array).length, 0),
      );
      let at = 0;
      for (const c of parts) {
        out.set(c as Float64Array, at);
        at += (c as Float64Array).length;
      }
      cols[name] = out;
    }
  }
  return makeFrame(cols);
}

async function collect(it: AsyncIterable<FulfillmentBatch>): Promise<FulfillmentBatch[]> {
  const out: FulfillmentBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

Deno.test("streamed micro-batches concatenate to the batch-mode tables, row for row", async () => {
  const opts = { seed: 5, scale: "tiny" as const, scenario: "carrier_disruption" };
  const batch = fulfillmentSimulator.generate(opts);
  const batches = await collect(streamFulfillment({ ...opts, batchRows: 300 }));
  assert.equal(batches.length, Math.ceil(2000 / 300));
  let start = 0;
  batches.forEach((b, i) => {
    assert.equal(b.index, i);
    assert.equal(b.startRow, start);
    assert.ok(b.tables.orders.nRows <= 300 && b.tables.orders.nRows > 0);
    start += b.tables.orders.nRows;
  });
  for (const t of ["shipments", "orders"] as const) {
    assert.ok(framesEqual(concat(batches.map((b) => b.tables[t])), batch.tables[t]!), t);
  }
  assert.ok(framesEqual(concat(batches.map((b) => b.truth.delay)), batch.truth.delay!));
  assert.deepEqual(batches[0]!.meta, batch.meta);
});

Deno.test("property: any batch size and window partitions the run in order, within the limits", async () => {
  const batch = fulfillmentSimulator.generate({ seed: 9, scale: "tiny", shipments: 400 });
  const ids = getNumeric(batch.tables.shipments!, "ID");
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 500 }),
      fc.option(fc.integer({ min: 1, max: 5 * 86_400_000 }), { nil: undefined }),
      async (batchRows, batchWindowMs) => {
        const batches = await collect(
          streamFulfillment({ seed: 9, scale: "tiny", shipments: 400, batchRows, batchWindowMs }),
        );
        const got = batches.flatMap((b) => Array.from(getNumeric(b.tables.shipments, "ID")));
        assert.deepEqual(got, Array.from(ids));
        for (const b of batches) {
          const t = getNumeric(b.tables.orders, "order_date");
          assert.ok(t.length <= batchRows);
          assert.equal(b.firstOrderMs, t[0]);
          assert.equal(b.lastOrderMs, t[t.length - 1]);
          if (batchWindowMs !== undefined) assert.ok(b.lastOrderMs - b.firstOrderMs < batchWindowMs);
        }
        // A batch closed early by the window leaves the next order at least a window later.
        for (let i = 0; i + 1 < batches.length; i++) {
          const b = batches[i]!;
          if (b.tables.orders.nRows < batchRows) {
            assert.ok(
              batchWindowMs !== undefined && batches[i + 1]!.firstOrderMs - b.firstOrderMs >= batchWindowMs,
            );
          }
        }
      },
    ),
    { numRuns: 25, seed: 42 },
  );
});

Deno.test("the stream is seeded, and bad options or sizes reject with InputError", async () => {
  const a = await collect(streamFulfillment({ seed: 2, scale: "tiny", shipments: 200, batchRows: 64 }));
  const b = await collect(streamFulfillment({ seed: 2, scale: "tiny", shipments: 200, batchRows: 64 }));
  assert.equal(a.length, b.length);
  a.forEach((x, i) => assert.ok(framesEqual(x.tables.orders, b[i]!.tables.orders)));
  for (
    const bad of [{ batchRows: 0 }, { batchRows: 1.5 }, { batchWindowMs: -1 }, { intervalMs: -3 }, {
      shipments: -10,
    }]
  ) {
    await assert.rejects(
      () => collect(streamFulfillment({ seed: 2, scale: "tiny", ...bad })),
      InputError,
      JSON.stringify(bad),
    );
  }
  await assert.rejects(
    () => collect(streamFulfillment({ seed: 2, scale: "tiny", scenario: "nope" })),
    InputError,
  );
});
