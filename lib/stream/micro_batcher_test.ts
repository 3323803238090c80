import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { ManualClock } from "./clock.ts";
import { BatchHandlerError, type MicroBatch, microBatch, MicroBatcher } from "./micro_batcher.ts";

const tick = () => new Promise((r) => setTimeout(r, 0));

Deno.test("MicroBatcher closes a batch at maxRecords or maxWaitMs after its first record", async () => {
  const clock = new ManualClock(0);
  const got: MicroBatch<number>[] = [];
  const b = new MicroBatcher<number>({
    maxRecords: 3,
    maxWaitMs: 15_000,
    clock,
    handle: (x) => void got.push(x),
  });
  for (const x of [1, 2, 3, 4]) await b.add(x);
  assert.deepEqual(got.map((g) => [g.records, g.reason]), [[[1, 2, 3], "size"]]);
  clock.advance(10_000);
  await b.add(5); // arrives 10 s after 4: the batch opened with 4 still closes 15 s after 4
  clock.advance(4_999);
  await tick();
  assert.equal(got.length, 1);
  clock.advance(1);
  await tick();
  assert.deepEqual(got[1]!.records, [4, 5]);
  assert.equal(got[1]!.reason, "time");
  assert.equal(got[1]!.closedAt, 15_000);
  assert.deepEqual(got[1]!.arrivedAt, [0, 10_000]);
  assert.equal(clock.pending, 0, "no timer left once the batch closed");
  await b.add(6);
  await b.close();
  assert.deepEqual(got.map((g) => g.index), [0, 1, 2]);
  assert.equal(got[2]!.reason, "close");
  await assert.rejects(() => b.add(7), InputError);
});

Deno.test("MicroBatcher: property — batches partition the records in order; none exceeds maxRecords", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(20_000), { maxLength: 60 }),
      fc.integer({ min: 1, max: 7 }),
      async (gaps, max) => {
        const clock = new ManualClock(0);
        const got: MicroBatch<number>[] = [];
        const b = new MicroBatcher<number>({
          maxRecords: max,
          maxWaitMs: 15_000,
          clock,
          handle: (x) => void got.push(x),
        });
        for (let i = 0; i < gaps.length; i++) {
          clock.advance(gaps[i]!);
          await b.add(i);
        }
        await b.close();
        assert.deepEqual(got.flatMap((g) => g.records), gaps.map((_, i) => i));
        for (const g of got) {
          assert.ok(g.records.length <= max);
          // a batch never spans more than the wait: its records arrived within 15 s of its first
          assert.ok(g.arrivedAt.at(-1)! - g.arrivedAt[0]! < 15_000 || g.records.length === 1);
          if (g.reason === "time") assert.equal(g.closedAt, g.arrivedAt[0]! + 15_000);
          if (g.reason === "size") assert.equal(g.records.length, max);
        }
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("MicroBatcher: batches never overlap; a full batch waits behind a busy handler", async () => {
  const clock = new ManualClock(0);
  let active = 0, maxActive = 0;
  const releases: (() => void)[] = [];
  const done: number[] = [];
  const b = new MicroBatcher<number>({
    maxRecords: 2,
    clock,
    handle: async (x) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((r) => releases.push(r));
      done.push(x.index);
      active--;
    },
  });
  await b.add(1);
  await b.add(2); // batch 0 handed over, handler idle before it: returns at once
  await b.add(3);
  let returned = false;
  const p = b.add(4).then(() => (returned = true)); // batch 1 full while batch 0 is busy: waits
  await tick();
  assert.equal(returned, false);
  releases.shift()!();
  await p;
  assert.equal(returned, true);
  await tick();
  releases.shift()!();
  await b.close();
  assert.deepEqual(done, [0, 1]);
  assert.equal(maxActive, 1);
});

Deno.test("MicroBatcher: a failing handler surfaces with its batch; later batches are not handled", async () => {
  const seen: number[] = [];
  await assert.rejects(
    () =>
      microBatch([1, 2, 3, 4, 5], {
        maxRecords: 2,
        clock: new ManualClock(),
        handle: (x) => {
          if (x.index === 1) throw new Error("boom");
          seen.push(...x.records);
        },
      }),
    (e: unknown) =>
      e instanceof BatchHandlerError && /boom/.test(e.message) && e.batch.records.join() === "3,4",
  );
  assert.deepEqual(seen, [1, 2]);
  assert.throws(() => new MicroBatcher({ maxRecords: 0, handle: () => {} }), InputError);
  assert.throws(() => new MicroBatcher({ maxWaitMs: -1, handle: () => {} }), InputError);
});
