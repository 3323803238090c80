/**
 * Worker thread of {@link HistogramBuilder} (see `histogram_parallel.ts`): receives the shared
 * buffers once, then loops — wait for a job in its control block, fill the histogram of the given
 * slot for the features it takes from the shared counter, publish the job number as done. A job number of −1 ends the loop.
 * A failure is reported as done = −2 so the main thread raises instead of waiting forever.
 * @module
 */
/// <reference lib="deno.worker" />
import { buildHistogram, slotView } from "./histogram.ts";
import { CTRL, CTRL_STRIDE, FEATURES_PER_TAKE, type WorkerInit } from "./histogram_parallel.ts";

self.onmessage = (e: MessageEvent<WorkerInit>) => {
  const init = e.data;
  const ctrl = new Int32Array(init.ctrl);
  const base = init.index * CTRL_STRIDE;
  const bins = new Uint8Array(init.bins, init.binsOffset, init.binsLength);
  const rows = new Uint32Array(init.rows);
  const orderedGrad = new Float64Array(init.orderedGrad);
  const orderedHess = new Float64Array(init.orderedHess);
  const features = new Int32Array(init.features);
  const views = new Map<number, ReturnType<typeof slotView>>();
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
      const slot = ctrl[base + CTRL.SLOT]!;
      let hist = views.get(slot);
      if (hist === undefined) {
        hist = slotView(init.pool, slot, init.slotBytes, init.totalBins);
        views.set(slot, hist);
      }
      const nAct = ctrl[base + CTRL.N_ACTIVE]!,
        start = ctrl[base + CTRL.START]!,
        end = ctrl[base + CTRL.END]!;
      for (let k: number; (k = Atomics.add(ctrl, init.nextFeature, FEATURES_PER_TAKE)) < nAct;) {
        buildHistogram(
          hist,
          bins,
          init.nRows,
          init.binOffset,
          features,
          k,
          Math.min(k + FEATURES_PER_TAKE, nAct),
          rows,
          start,
          end,
          orderedGrad,
          orderedHess,
        );
      }
      Atomics.store(ctrl, base + CTRL.DONE, seq);
    } catch {
      Atomics.store(ctrl, base + CTRL.DONE, -2);
    }
    Atomics.notify(ctrl, base + CTRL.DONE);
  }
  self.close();
};
