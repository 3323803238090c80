/**
 * A small pool of Web Workers that run the exact scan kernel on shared memory. Item (and, for bulk
 * assignment, query) matrices live in a `SharedArrayBuffer` ({@link toShared}), so a request carries
 * only views and scalars; each worker scans its slice and returns a double-precision partial top-k that
 * the caller merges with {@link mergeTopK}. Results do not depend on the number of workers (see
 * `exact.ts`: the search is split-invariant).
 *
 * Always {@link RetrievalPool.close} a pool: live workers keep the process running.
 *
 * @example
 * ```ts
 * import { RetrievalPool, toShared } from "./pool.ts";
 * const pool = RetrievalPool.create(2);
 * const items = toShared({ values: new Float32Array([1, 0, 0, 1]), n: 2, dim: 2 });
 * const r = await pool.scan({ items, queries: items, k: 1, start: 0, end: 2 });
 * Array.from(r.ids); // [0, 1]
 * pool.close();
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { TopK64 } from "./exact.ts";
import type { VectorSet } from "./types.ts";

/** One scan job: queries × items[start, end). */
export interface ScanJob {
  items: VectorSet;
  queries: VectorSet;
  k: number;
  start: number;
  end: number;
  bias?: Float32Array;
  itemBlock?: number;
  queryBlock?: number;
}

/** Message sent to a worker. */
export interface ScanRequest extends ScanJob {
  id: number;
}

/** Message a worker sends back. */
export interface ScanResponse {
  id: number;
  ids?: Int32Array;
  scores?: Float64Array;
  error?: string;
}

/** Returns `v` with its values in a SharedArrayBuffer (copying unless they already are). */
export function toShared(v: VectorSet): VectorSet {
  if (v.values.buffer instanceof SharedArrayBuffer) return v;
  const values = new Float32Array(new SharedArrayBuffer(v.values.byteLength));
  values.set(v.values);
  return { values, n: v.n, dim: v.dim };
}

/** Default worker count: the machine's cores, at most 8. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1));
}

/** A fixed set of scan workers. */
export class RetrievalPool {
  readonly size: number;
  #workers: Worker[];
  #pending = new Map<
    number,
    { resolve: (r: TopK64) => void; reject: (e: Error) => void; nQueries: number; k: number }
  >();
  #nextId = 0;
  #next = 0;
  #closed = false;

  private constructor(size: number) {
    this.size = size;
    this.#workers = Array.from({ length: size }, () => {
      const w = new Worker(new URL("./exact_worker.ts", import.meta.url).href, { type: "module" });
      w.onmessage = (e: MessageEvent<ScanResponse>) => this.#settle(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        this.#failAll(new Error(`retrieval worker failed: ${e.message}`));
      };
      return w;
    });
  }

  /** Starts `size` workers (default {@link defaultWorkers}). */
  static create(size: number = defaultWorkers()): RetrievalPool {
    if (!Number.isInteger(size) || size < 1 || size > 64) {
      throw new InputError("workers", `must be an integer in [1, 64], got ${size}`);
    }
    return new RetrievalPool(size);
  }

  /**
   * Runs one unchecked scan on the next worker (round robin); `items`/`queries` should be
   * SharedArrayBuffer-backed (see {@link toShared}) or they are copied into the worker.
   */
  scan(job: ScanJob, worker?: number): Promise<TopK64> {
    if (this.#closed) return Promise.reject(new Error("RetrievalPool is closed"));
    const id = this.#nextId++;
    const w = worker ?? this.#next++ % this.size;
    return new Promise<TopK64>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, nQueries: job.queries.n, k: job.k });
      const req: ScanRequest = { id, ...job };
      this.#workers[w % this.size]!.postMessage(req);
    });
  }

  /** Terminates the workers; pending scans are rejected. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const w of this.#workers) w.terminate();
    this.#failAll(new Error("RetrievalPool closed"));
  }

  #settle(m: ScanResponse): void {
    const p = this.#pending.get(m.id);
    if (!p) return;
    this.#pending.delete(m.id);
    if (m.error !== undefined || !m.ids || !m.scores) {
      p.reject(new Error(`retrieval worker: ${m.error ?? "empty reply"}`));
    } else p.resolve({ ids: m.ids, scores: m.scores, nQueries: p.nQueries, k: p.k });
  }

  #failAll(err: Error): void {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}
