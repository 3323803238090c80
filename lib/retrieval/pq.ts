/**
 * Product quantiser: the `dim` coordinates are cut into `m` sub-vectors of `dim/m` coordinates and each
 * sub-vector is replaced by the id (one byte) of its nearest centroid in a per-subspace k-means codebook
 * of up to 256 centroids. A query's inner product with an encoded vector is then approximated by `m`
 * table look-ups (asymmetric distance computation): `q·x ≈ Σ_s LUT[s][code_s]` with
 * `LUT[s][c] = q_s · centroid_{s,c}`, computed once per query.
 *
 * @example
 * ```ts
 * import { ProductQuantizer } from "./pq.ts";
 * const v = { values: new Float32Array([1, 0, 0, 1, 0, 1, 1, 0]), n: 2, dim: 4 };
 * const pq = ProductQuantizer.train(v, { m: 2, seed: 1 });
 * Array.from(pq.encode(v)).length; // 4
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { checkFiniteItemsOnce, checkVectors } from "./_check.ts";
import { assignNearest, assignNearestParallel, kmeans } from "./kmeans.ts";
import { type RetrievalPool, toShared } from "./pool.ts";
import type { VectorSet } from "./types.ts";

/** Options of {@link ProductQuantizer.train}. */
export interface PqOptions {
  /** Number of sub-vectors (must divide dim). */
  m: number;
  seed: number;
  /** Rows used to train each codebook (default 16384). */
  sampleSize?: number;
  /** k-means iterations per codebook (default 8). */
  iterations?: number;
}

/** A trained product quantiser. */
export class ProductQuantizer {
  readonly dim: number;
  readonly m: number;
  /** Coordinates per sub-vector. */
  readonly sub: number;
  /** Centroids per codebook (≤ 256). */
  readonly ksub: number;
  /** `m × ksub × sub`, row-major. */
  readonly codebooks: Float32Array;

  private constructor(dim: number, m: number, ksub: number, codebooks: Float32Array) {
    this.dim = dim;
    this.m = m;
    this.sub = dim / m;
    this.ksub = ksub;
    this.codebooks = codebooks;
  }

  /** Trains one k-means codebook per subspace on a seeded sample. */
  static train(vectors: VectorSet, options: PqOptions): ProductQuantizer {
    checkVectors("vectors", vectors);
    checkFiniteItemsOnce("vectors", vectors);
    const { m } = options, dim = vectors.dim;
    if (!Number.isInteger(m) || m < 1 || dim % m !== 0) {
      throw new InputError("m", `must be a positive divisor of dim ${dim}, got ${m}`);
    }
    if (vectors.n < 1) throw new InputError("vectors", "must hold at least one vector");
    const sub = dim / m, ksub = Math.min(256, vectors.n);
    const codebooks = new Float32Array(m * ksub * sub);
    for (let s = 0; s < m; s++) {
      const part = subspace(vectors, s, sub);
      const { centroids } = kmeans(part, ksub, {
        seed: (options.seed + 7919 * s) >>> 0,
        iterations: options.iterations ?? 8,
        sampleSize: Math.max(ksub, options.sampleSize ?? 16384),
      });
      codebooks.set(centroids, s * ksub * sub);
    }
    return new ProductQuantizer(dim, m, ksub, codebooks);
  }

  /** Codes of every row: `n × m` bytes, row-major. */
  encode(vectors: VectorSet): Uint8Array {
    checkVectors("vectors", vectors);
    if (vectors.dim !== this.dim) {
      throw new InputError("vectors", `dim ${vectors.dim} differs from quantiser dim ${this.dim}`);
    }
    const codes = new Uint8Array(vectors.n * this.m), { m, sub, ksub } = this;
    for (let s = 0; s < m; s++) {
      const ids = assignNearest(
        subspace(vectors, s, sub),
        this.codebooks.subarray(s * ksub * sub, (s + 1) * ksub * sub),
        ksub,
      );
      for (let i = 0; i < vectors.n; i++) codes[i * m + s] = ids[i]!;
    }
    return codes;
  }

  /** {@link ProductQuantizer.encode} with each subspace's assignment split across a worker pool (same codes). */
  async encodeParallel(vectors: VectorSet, pool: RetrievalPool): Promise<Uint8Array> {
    checkVectors("vectors", vectors);
    if (vectors.dim !== this.dim) {
      throw new InputError("vectors", `dim ${vectors.dim} differs from quantiser dim ${this.dim}`);
    }
    const codes = new Uint8Array(vectors.n * this.m), { m, sub, ksub } = this;
    for (let s = 0; s < m; s++) {
      const part = toShared(subspace(vectors, s, sub));
      const ids = await assignNearestParallel(
        part,
        this.codebooks.slice(s * ksub * sub, (s + 1) * ksub * sub),
        ksub,
        pool,
      );
      for (let i = 0; i < vectors.n; i++) codes[i * m + s] = ids[i]!;
    }
    return codes;
  }

  /** Fills `lut[s·256 + c] = q_s · centroid_{s,c}` for the query at `q[qo .. qo+dim)` (`lut` has m·256 slots). */
  lut(q: Float32Array | Float64Array, qo: number, lut: Float64Array): void {
    const { m, sub, ksub, codebooks } = this;
    for (let s = 0; s < m; s++) {
      for (let c = 0; c < ksub; c++) {
        const o = (s * ksub + c) * sub;
        let acc = 0;
        for (let d = 0; d < sub; d++) acc += q[qo + s * sub + d]! * codebooks[o + d]!;
        lut[s * 256 + c] = acc;
      }
    }
  }

  /** Bytes held by the codebooks. */
  get bytes(): number {
    return this.codebooks.byteLength;
  }
}

/** Copies coordinates `[s·sub, (s+1)·sub)` of every row into a contiguous `n × sub` set. */
function subspace(v: VectorSet, s: number, sub: number): VectorSet {
  const out = new Float32Array(v.n * sub), o = s * sub;
  for (let i = 0; i < v.n; i++) for (let d = 0; d < sub; d++) out[i * sub + d] = v.values[i * v.dim + o + d]!;
  return { values: out, n: v.n, dim: sub };
}
