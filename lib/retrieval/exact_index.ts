/**
 * Exact top-k over a fixed item matrix, optionally split across worker threads: the items are copied once
 * into a SharedArrayBuffer, each worker scans a contiguous slice of the item rows for the whole query
 * batch, and the partial top-k lists are merged by (score desc, id asc). The result is bit-identical to
 * {@link exactTopK} on the calling thread for any number of workers (the per-item scores do not depend
 * on the split, and the merge applies the same total order).
 *
 * @example
 * ```ts
 * import { ExactIndex } from "./exact_index.ts";
 * const index = ExactIndex.create({ values: new Float32Array([1, 0, 0, 1, 1, 1]), n: 3, dim: 2 }, { workers: 2 });
 * const r = await index.search({ values: new Float32Array([1, 2]), n: 1, dim: 2 }, 2);
 * Array.from(r.ids); // [2, 1]
 * index.close();
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { checkFiniteItemsOnce, checkVectors } from "./_check.ts";
import { checkExactArgs, mergeTopK, scanRange, type TopK64, toTopK } from "./exact.ts";
import { defaultWorkers, RetrievalPool, toShared } from "./pool.ts";
import type { TopK, VectorSet } from "./types.ts";

/** Options of {@link ExactIndex.create}. */
export interface ExactIndexOptions {
  /** Worker threads (default: the machine's cores, at most 8); 0 searches on the calling thread. */
  workers?: number;
  /** Use this pool instead of starting one (the index does not close it). */
  pool?: RetrievalPool;
  /** Items per cache block (see `exactTopK`). */
  itemBlock?: number;
  /** Queries sharing one item block (see `exactTopK`). */
  queryBlock?: number;
}

/** An exact inner-product index (brute force, blocked, multi-threaded). */
export class ExactIndex {
  readonly items: VectorSet;
  readonly workers: number;
  readonly #pool: RetrievalPool | undefined;
  readonly #ownsPool: boolean;
  readonly #blocks: { itemBlock?: number; queryBlock?: number };

  private constructor(
    items: VectorSet,
    pool: RetrievalPool | undefined,
    ownsPool: boolean,
    blocks: { itemBlock?: number; queryBlock?: number },
  ) {
    this.items = items;
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.workers = pool?.size ?? 0;
    this.#blocks = blocks;
  }

  /** Validates the items (shape, finite values) and starts the workers. */
  static create(items: VectorSet, options: ExactIndexOptions = {}): ExactIndex {
    checkVectors("items", items);
    checkFiniteItemsOnce("items", items);
    const blocks = { itemBlock: options.itemBlock, queryBlock: options.queryBlock };
    if (options.pool) return new ExactIndex(toShared(items), options.pool, false, blocks);
    const workers = options.workers ?? defaultWorkers();
    if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
      throw new InputError("workers", `must be an integer in [0, 64], got ${workers}`);
    }
    if (workers === 0) return new ExactIndex(items, undefined, false, blocks);
    return new ExactIndex(toShared(items), RetrievalPool.create(workers), true, blocks);
  }

  /** Top-k items for each query (double-precision scores). */
  async search64(queries: VectorSet, k: number): Promise<TopK64> {
    checkExactArgs(this.items, queries, k, this.#blocks);
    const n = this.items.n, pool = this.#pool;
    if (!pool || n < 2 * pool.size) return scanRange(this.items, queries, k, 0, n, this.#blocks);
    // Queries travel once per worker; share them so the copy is made once.
    const q = queries.n * queries.dim > 4096 ? toShared(queries) : queries;
    const parts: Promise<TopK64>[] = [];
    for (let w = 0; w < pool.size; w++) {
      const start = Math.floor((n * w) / pool.size), end = Math.floor((n * (w + 1)) / pool.size);
      parts.push(pool.scan({ items: this.items, queries: q, k, start, end, ...this.#blocks }, w));
    }
    return mergeTopK(await Promise.all(parts), k);
  }

  /** Top-k items for each query. */
  async search(queries: VectorSet, k: number): Promise<TopK> {
    return toTopK(await this.search64(queries, k));
  }

  /** Stops the workers this index started. */
  close(): void {
    if (this.#ownsPool) this.#pool?.close();
  }
}
