import assert from "node:assert/strict";
import { activeBackend, initTf } from "./tf_backend.ts";
import { InputError } from "../errors.ts";

Deno.test("initTf: wasm really runs and matches cpu on a matmul", async () => {
  const a = [[1, 2, 3], [4, 5, 6]], b = [[1, 0], [0, 1], [2, -1]];
  let tf = await initTf("wasm");
  assert.equal(activeBackend(), "wasm");
  const w = tf.matMul(tf.tensor2d(a), tf.tensor2d(b));
  const onWasm = Array.from(w.dataSync());
  assert.equal(tf.backend().constructor.name.toLowerCase().includes("wasm"), true);
  w.dispose();
  tf = await initTf("cpu");
  assert.equal(activeBackend(), "cpu");
  const c = tf.matMul(tf.tensor2d(a), tf.tensor2d(b));
  assert.deepEqual(onWasm, [7, -1, 16, -1]); // hand-computed
  assert.deepEqual(Array.from(c.dataSync()), [7, -1, 16, -1]);
  c.dispose();
});

Deno.test("initTf: idempotent and validates the name", async () => {
  const tf1 = await initTf("cpu");
  const tf2 = await initTf("cpu");
  assert.equal(tf1, tf2);
  await assert.rejects(() => initTf("gpu" as "cpu"), InputError);
});

Deno.test("initTf: wasm has a gather gradient (UnsortedSegmentSum) equal to cpu's", async () => {
  const grad = async (backend: "wasm" | "cpu") => {
    const tf = await initTf(backend);
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const g = tf.grad((t) =>
      tf.sum(
        tf.mul(tf.gather(t, tf.tensor1d([2, 0, 2], "int32")), tf.tensor2d([[1, 10], [100, 1000], [2, 20]])),
      )
    );
    const out = Array.from(g(table).dataSync());
    table.dispose();
    return out;
  };
  // Row 2 gathered twice: its gradient is [1+2, 10+20]; row 0 once: [100, 1000]; row 1 never.
  const expected = [100, 1000, 0, 0, 3, 30];
  assert.deepEqual(await grad("wasm"), expected);
  assert.deepEqual(await grad("cpu"), expected);
});
