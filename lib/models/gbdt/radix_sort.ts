/**
 * LSD radix sort of float32 values (no NaN), three passes of 11 bits over order-preserving keys.
 * Learning bin edges sorts every feature's column; this is several times faster than
 * `Float32Array.prototype.sort` on 10⁵–10⁶ values, and gives the same order (−0 before +0).
 *
 * Key: the IEEE bits with the sign bit flipped for non-negative values and all bits flipped for
 * negative ones, so unsigned key order is numeric order.
 *
 * @example
 * ```ts
 * import { sortFloat32 } from "./radix_sort.ts";
 * sortFloat32(new Float32Array([3, -1, 2])); // Float32Array [-1, 2, 3]
 * ```
 * @module
 */

const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

/** Sorts `values` (NaN-free) ascending in place and returns it. `scratch` needs the same length. */
export function sortFloat32(values: Float32Array, scratch = new Float32Array(values.length)): Float32Array {
  const n = values.length;
  if (n < 256) return values.sort();
  let src: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, n);
  let dst: Uint32Array = new Uint32Array(scratch.buffer, scratch.byteOffset, n);
  for (let i = 0; i < n; i++) {
    const b = src[i]!;
    src[i] = b ^ ((b >> 31) | 0x80000000); // sign-dependent flip (>> is arithmetic: −1 for negatives)
  }
  const counts = new Int32Array(BUCKETS);
  for (let shift = 0; shift < 32; shift += BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(src[i]! >>> shift) & MASK]!++;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = src[i]!;
      const b = (k >>> shift) & MASK;
      dst[counts[b]!] = k;
      counts[b]!++;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  // Three passes: the sorted keys are in `scratch`; undo the key transform into `values`.
  const out = new Uint32Array(values.buffer, values.byteOffset, n);
  for (let i = 0; i < n; i++) {
    const k = src[i]!;
    out[i] = k & 0x80000000 ? k ^ 0x80000000 : ~k;
  }
  return values;
}
