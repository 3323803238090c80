/**
 * Worker thread of {@link HistogramBuilder} (see `histogram_parallel.ts`): receives the shared
 * buffers once, then loops — wait for a job in its control block, do its share (a histogram job:
 * for the groups of features it takes from the shared counter, fill the given slot, subtract it from
 * the parent's and search the children's best splits, then publish its best records; a gradient job:
 * the objective's gradients for its range of rows), publish the job number as done. A job
 * number of −1 ends the loop.
 * A failure is reported as done = −2 so the main thread raises instead of waiting forever.
 * @module
 */
/// <reference lib="deno.worker" />
import { slotView } from "./histogram.ts";
import { CTRL, CTRL_STRIDE, gradientRange, JOB, nodeTake, type WorkerInit } from "./histogram_parallel.ts";
import { SplitInfo } from "./split.ts";
import { MAX_CAT_BINS, SPLIT_RECORD, writeSplit } from "./split_transfer.ts";
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
    // all outputs' blocks (multiclass writes class c at c · nRows)
    grad: new Float32Array(init.grad),
    hess: new Float32Array(init.hess),
  };
  const runGradients = () => {
    const g = gradientJob!;
    const [from, to] = gradientRange(ctrl[base + CTRL.END]!, init.index + 1, ctrl[base + CTRL.N_TAKES]!);
    g.objective.gradients(g.labels, g.raw, g.weights, g.grad, g.hess, from, to);
  };
  const slot = (k: number) => {
    let hist = views.get(k);
    if (hist === undefined) {
      hist = slotView(init.pool, k, init.slotBytes, init.totalBins);
      views.set(k, hist);
    }
    return hist;
  };
  const sp = init.split;
  const setup = sp ? { feats: sp.feats, cfg: sp.cfg } : null;
  const args = sp ? new Float64Array(sp.args) : new Float64Array(10);
  const results = sp ? new Float64Array(sp.results) : null, cats = sp ? new Int32Array(sp.cats) : null;
  const best = [new SplitInfo(), new SplitInfo()] as const;
  const runHistogram = () => {
    const small = slot(ctrl[base + CTRL.SLOT]!);
    const largeSlot = ctrl[base + CTRL.LARGE_SLOT]!, search = ctrl[base + CTRL.SEARCH]!;
    const large = largeSlot >= 0 ? slot(largeSlot) : null;
    const nTakes = ctrl[base + CTRL.N_TAKES]!, start = ctrl[base + CTRL.START]!, end = ctrl[base + CTRL.END]!;
    const [grad, hess] = gradients(ctrl[base + CTRL.GRAD_OFFSET]!);
    const smallOut = search & 1 ? best[0] : null, largeOut = search & 2 ? best[1] : null;
    smallOut?.reset();
    largeOut?.reset();
    for (let t: number; (t = Atomics.add(ctrl, init.nextFeature, 1)) < nTakes;) {
      nodeTake(
        small,
        large,
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
        search ? setup : null,
        args,
        smallOut,
        largeOut,
      );
    }
    // This thread's best split per searched child (thread index = worker index + 1; main is 0).
    for (let c = 0; c < 2; c++) {
      const out = c === 0 ? smallOut : largeOut;
      const rec = (init.index + 1) * 2 + c;
      if (out) writeSplit(out, results!, rec * SPLIT_RECORD, cats!, rec * MAX_CAT_BINS);
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
