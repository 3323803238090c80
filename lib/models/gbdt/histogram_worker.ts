/**
 * Worker thread of {@link HistogramBuilder} (see `histogram_parallel.ts`): receives the shared
 * buffers once, then loops — wait for a job in its control block, do its share (a histogram job:
 * fill the given slot for the groups of features it takes from the shared counter; a gradient job:
 * the objective's gradients for its range of rows), publish the job number as done. A job
 * number of −1 ends the loop.
 * A failure is reported as done = −2 so the main thread raises instead of waiting forever.
 * @module
 */
/// <reference lib="deno.worker" />
import { buildHistogram, slotView } from "./histogram.ts";
import { CTRL, CTRL_STRIDE, gradientRange, JOB, type WorkerInit } from "./histogram_parallel.ts";
import { createObjective } from "./objectives/mod.ts";

self.onmessage = (e: MessageEvent<WorkerInit>) => {
  const init = e.data;
  const ctrl = new Int32Array(init.ctrl);
  const base = init.index * CTRL_STRIDE;
  const bins = new Uint8Array(init.bins, init.binsOffset, init.binsLength);
  const rows = new Uint32Array(init.rows);
  const features = new Int32Array(init.features);
  const takes = new Int32Array(init.takes);
  const views = new Map<number, ReturnType<typeof slotView>>();
  // One output's gradients: views of the shared arrays, by the offset of its block.
  const gradViews = new Map<number, [Float32Array, Float32Array]>();
  const gradients = (offset: number) => {
    let v = gradViews.get(offset);
    if (v === undefined) {
      v = [
        new Float32Array(init.grad, offset * 4, init.nRows),
        new Float32Array(init.hess, offset * 4, init.nRows),
      ];
      gradViews.set(offset, v);
    }
    return v;
  };
  const src = init.gradients;
  const gradientJob = src && {
    objective: createObjective(src.objective, src.options),
    labels: new Float64Array(src.labels),
    raw: new Float64Array(src.raw),
    weights: src.weights ? new Float64Array(src.weights) : undefined,
    grad: new Float32Array(init.grad),
    hess: new Float32Array(init.hess),
  };
  const runGradients = () => {
    const g = gradientJob!;
    const [from, to] = gradientRange(ctrl[base + CTRL.END]!, init.index + 1, ctrl[base + CTRL.N_TAKES]!);
    g.objective.gradients(g.labels, g.raw, g.weights, g.grad, g.hess, from, to);
  };
  const runHistogram = () => {
    const slot = ctrl[base + CTRL.SLOT]!;
    let hist = views.get(slot);
    if (hist === undefined) {
      hist = slotView(init.pool, slot, init.slotBytes, init.totalBins);
      views.set(slot, hist);
    }
    const nTakes = ctrl[base + CTRL.N_TAKES]!, start = ctrl[base + CTRL.START]!, end = ctrl[base + CTRL.END]!;
    const [grad, hess] = gradients(ctrl[base + CTRL.GRAD_OFFSET]!);
    for (let t: number; (t = Atomics.add(ctrl, init.nextFeature, 1)) < nTakes;) {
      buildHistogram(
        hist,
        bins,
        init.nRows,
        init.binOffset,
        features,
        takes[t]!,
        takes[t + 1]!,
        rows,
        start,
        end,
        grad,
        hess,
      );
    }
  };
  Atomics.store(ctrl, base + CTRL.READY, 1);
  Atomics.notify(ctrl, base + CTRL.READY);
  let seq = 0;
  for (;;) {
    Atomics.wait(ctrl, base + CTRL.SEQ, seq);
    const next = Atomics.load(ctrl, base + CTRL.SEQ);
    if (next === seq) continue; // spurious wake-up
    seq = next;
    if (seq < 0) break;
    try {
      if (ctrl[base + CTRL.KIND] === JOB.GRADIENTS) runGradients();
      else runHistogram();
      Atomics.store(ctrl, base + CTRL.DONE, seq);
    } catch {
      Atomics.store(ctrl, base + CTRL.DONE, -2);
    }
    Atomics.notify(ctrl, base + CTRL.DONE);
  }
  self.close();
};
