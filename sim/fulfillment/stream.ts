/**
 * Streaming mode of the fulfillment simulator: the same run as {@link fulfillmentSimulator}.generate,
 * replayed in order-time order as micro-batches, the way the spec's Kafka producer feeds the streaming
 * pipeline ("collect until 15 s or 1,000 messages"). A batch closes when it holds `batchRows` rows or when
 * the next order is `batchWindowMs` or more (simulated time) after the batch's first order. Concatenating
 * the batches' tables gives the batch mode's tables row for row.
 *
 * @example
 * ```ts
 * import { streamFulfillment } from "./stream.ts";
 * let rows = 0;
 * for await (const b of streamFulfillment({ seed: 1, scale: "tiny", shipments: 250, batchRows: 100 })) {
 *   rows += b.tables.orders.nRows;
 * }
 * rows; // 250
 * ```
 * @module
 */
import { type Frame, getNumeric, takeRows } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import type { GenerateOptions, SimMeta } from "../common/mod.ts";
import { type FulfillmentOptions, fulfillmentSimulator } from "./simulator.ts";

/** Micro-batching options. */
export interface StreamOptions {
  /** Most rows per batch (default 1,000, the spec's micro-batch size). */
  readonly batchRows?: number;
  /** Close a batch when the next order is at least this many ms after its first (simulated time); default none. */
  readonly batchWindowMs?: number;
  /** Real milliseconds to wait between batches (a paced replay for demos); default 0. */
  readonly intervalMs?: number;
}

/** One micro-batch: consecutive rows of every per-shipment table of the run. */
export interface FulfillmentBatch {
  /** 0-based batch number. */
  readonly index: number;
  /** Row offset of the batch's first row in the batch-mode tables. */
  readonly startRow: number;
  /** Order time of the first and last row (epoch ms). */
  readonly firstOrderMs: number;
  readonly lastOrderMs: number;
  /** `shipments` (Kaggle schema) and `orders` (enriched schema) rows of this batch. */
  readonly tables: { readonly shipments: Frame; readonly orders: Frame };
  /** The matching rows of the `delay` truth table. */
  readonly truth: { readonly delay: Frame };
  /** The run's metadata (same for every batch). */
  readonly meta: SimMeta;
}

function checkStreamOptions(o: StreamOptions): { rows: number; windowMs: number; intervalMs: number } {
  const rows = o.batchRows ?? 1000;
  if (!Number.isInteger(rows) || rows <= 0) {
    throw new InputError("batchRows", `must be a positive integer, got ${rows}`);
  }
  const windowMs = o.batchWindowMs ?? Infinity;
  if (!(windowMs > 0)) {
    throw new InputError("batchWindowMs", `must be a positive number of ms, got ${o.batchWindowMs}`);
  }
  const intervalMs = o.intervalMs ?? 0;
  if (!(intervalMs >= 0) || !Number.isFinite(intervalMs)) {
    throw new InputError("intervalMs", `must be a finite number >= 0, got ${o.intervalMs}`);
  }
  return { rows, windowMs, intervalMs };
}

/**
 * Yields the run's rows as micro-batches. Options are validated (and the run generated) on the first
 * `next()`; a bad option or size rejects it with an {@link InputError}.
 */
export async function* streamFulfillment(
  opts: GenerateOptions & FulfillmentOptions & StreamOptions,
): AsyncGenerator<FulfillmentBatch, void, undefined> {
  const { rows: maxRows, windowMs, intervalMs } = checkStreamOptions(opts);
  const { batchRows: _r, batchWindowMs: _w, intervalMs: _i, ...genOpts } = opts;
  const out = fulfillmentSimulator.generate(genOpts);
  const shipments = out.tables.shipments!, orders = out.tables.orders!, delay = out.truth.delay!;
  const orderAt = getNumeric(orders, "order_date");
  const n = orders.nRows;
  let start = 0, index = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && end - start < maxRows && orderAt[end]! - orderAt[start]! < windowMs) end++;
    const rows = Int32Array.from({ length: end - start }, (_, k) => start + k);
    if (index > 0 && intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    yield {
      index,
      startRow: start,
      firstOrderMs: orderAt[start]!,
      lastOrderMs: orderAt[end - 1]!,
      tables: { shipments: takeRows(shipments, rows), orders: takeRows(orders, rows) },
      truth: { delay: takeRows(delay, rows) },
      meta: out.meta,
    };
    index++;
    start = end;
  }
}
