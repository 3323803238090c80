/**
 * A micro-batcher: collects records and hands them over in batches, each closed when it holds
 * `maxRecords` records or `maxWaitMs` after its first record arrived, whichever comes first (the
 * spec's streaming consumer: "15 s or 1,000 messages"). Time comes from an injected {@link Clock}.
 *
 * Batches are handled one at a time, in order: while the handler works on one batch, the next one
 * fills; once that one is full, {@link MicroBatcher.add} waits (back-pressure) until the handler is
 * done. A handler that throws stops the batcher: the error is re-thrown by the next `add` or by
 * `close`, and the failed batch's records are in the error's `batch` (nothing is dropped silently).
 * Each record's arrival time is kept, for lag measurements.
 *
 * @example
 * ```ts
 * import { ManualClock } from "./clock.ts";
 * import { MicroBatcher } from "./micro_batcher.ts";
 * const clock = new ManualClock();
 * const sizes: number[] = [];
 * const b = new MicroBatcher<number>({ maxRecords: 3, maxWaitMs: 15_000, clock,
 *   handle: (batch) => { sizes.push(batch.records.length); } });
 * for (const x of [1, 2, 3, 4]) await b.add(x); // [1, 2, 3] closes by count
 * clock.advance(15_000); // [4] closes by time
 * await b.close();
 * sizes; // [3, 1]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { type Clock, systemClock } from "./clock.ts";

/** A closed batch. */
export interface MicroBatch<T> {
  /** 0-based batch number. */
  readonly index: number;
  readonly records: readonly T[];
  /** Arrival time of each record (clock ms). */
  readonly arrivedAt: readonly number[];
  /** Why it closed: full, timed out, or closed with the batcher. */
  readonly reason: "size" | "time" | "close";
  /** Clock time it closed at. */
  readonly closedAt: number;
}

/** Options of {@link MicroBatcher}. */
export interface MicroBatcherOptions<T> {
  /** Most records per batch (default 1,000). */
  readonly maxRecords?: number;
  /** Longest wait from a batch's first record to its hand-over, in ms (default 15,000). */
  readonly maxWaitMs?: number;
  readonly clock?: Clock;
  /** Processes one batch; batches never overlap. */
  readonly handle: (batch: MicroBatch<T>) => void | Promise<void>;
}

/** Raised by `add`/`close` after a handler failed; `batch` holds the records it did not process. */
export class BatchHandlerError<T> extends Error {
  constructor(readonly batch: MicroBatch<T>, override readonly cause: unknown) {
    super(
      `micro-batch ${batch.index} (${batch.records.length} records) failed: ${
        (cause as Error)?.message ?? cause
      }`,
    );
    this.name = "BatchHandlerError";
  }
}

/** See the module doc. */
export class MicroBatcher<T> {
  readonly #max: number;
  readonly #waitMs: number;
  readonly #clock: Clock;
  readonly #handle: (batch: MicroBatch<T>) => void | Promise<void>;
  #records: T[] = [];
  #arrived: number[] = [];
  #cancelTimer: (() => void) | null = null;
  #index = 0;
  #busy: Promise<void> = Promise.resolve();
  #failure: BatchHandlerError<T> | null = null;
  #closed = false;

  constructor(options: MicroBatcherOptions<T>) {
    const max = options.maxRecords ?? 1000, wait = options.maxWaitMs ?? 15_000;
    if (!(Number.isInteger(max) && max > 0)) {
      throw new InputError("maxRecords", `must be a positive integer, got ${max}`);
    }
    if (!(wait > 0 && Number.isFinite(wait))) {
      throw new InputError("maxWaitMs", `must be a positive number of ms, got ${wait}`);
    }
    this.#max = max;
    this.#waitMs = wait;
    this.#clock = options.clock ?? systemClock;
    this.#handle = options.handle;
  }

  /** Records waiting in the open batch. */
  get buffered(): number {
    return this.#records.length;
  }

  /** Adds one record; resolves once it is buffered (waits while a full batch queues behind a busy handler). */
  async add(record: T): Promise<void> {
    if (this.#closed) throw new InputError("record", "the batcher is closed");
    this.#throwIfFailed();
    if (this.#records.length === 0) {
      this.#cancelTimer = this.#clock.setTimer(this.#waitMs, () => void this.#cut("time"));
    }
    this.#records.push(record);
    this.#arrived.push(this.#clock.now());
    if (this.#records.length >= this.#max) {
      // back-pressure: wait for the batch before this one, so at most one batch waits behind the handler
      await this.#cut("size");
      this.#throwIfFailed();
    }
  }

  /** Hands over the open batch now (if any) and waits until every batch is handled. */
  async flush(): Promise<void> {
    if (this.#records.length > 0) void this.#cut("close");
    await this.#busy;
    this.#throwIfFailed();
  }

  /** {@link MicroBatcher.flush}, then refuses further records. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure;
  }

  /** Closes the open batch and queues it; resolves when the batches queued before it are handled. */
  #cut(reason: MicroBatch<T>["reason"]): Promise<void> {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    const before = this.#busy;
    if (this.#records.length === 0) return before;
    const batch: MicroBatch<T> = {
      index: this.#index++,
      records: this.#records,
      arrivedAt: this.#arrived,
      reason,
      closedAt: this.#clock.now(),
    };
    this.#records = [];
    this.#arrived = [];
    this.#busy = this.#busy.then(async () => {
      if (this.#failure) return;
      try {
        await this.#handle(batch);
      } catch (e) {
        this.#failure = new BatchHandlerError(batch, e);
      }
    });
    return before;
  }
}

/**
 * Feeds an async source of records through a {@link MicroBatcher} and closes it at the end of the
 * source; rejects with the handler's {@link BatchHandlerError} if one fails.
 */
export async function microBatch<T>(
  source: AsyncIterable<T> | Iterable<T>,
  options: MicroBatcherOptions<T>,
): Promise<number> {
  const b = new MicroBatcher(options);
  let n = 0;
  for await (const r of source) {
    await b.add(r);
    n++;
  }
  await b.close();
  return n;
}
