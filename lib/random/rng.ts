/**
 * The one random number generator used everywhere: xoshiro128** seeded through splitmix32.
 * Same seed → the same stream, bit for bit, on every platform (pure 32-bit integer arithmetic).
 *
 * @example
 * ```ts
 * import { Rng } from "./rng.ts";
 * const a = new Rng(42), b = new Rng(42);
 * a.float() === b.float(); // true
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [state, z >>> 0];
}

/** Seeded PRNG (xoshiro128**). Not cryptographic. */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  /** The seed this generator was built from. */
  readonly seed: number;

  /** @param seed any integer in [0, 2^32); other numbers are rejected. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
      throw new InputError("seed", `must be an integer in [0, 4294967295], got ${seed}`);
    }
    this.seed = seed;
    let st = seed | 0;
    let v: number;
    [st, v] = splitmix32(st);
    this.#s0 = v;
    [st, v] = splitmix32(st);
    this.#s1 = v;
    [st, v] = splitmix32(st);
    this.#s2 = v;
    [st, v] = splitmix32(st);
    this.#s3 = v;
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const s0 = this.#s0, s1 = this.#s1, s2 = this.#s2, s3 = this.#s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = rotl(n3, 11);
    this.#s0 = n0;
    this.#s1 = n1;
    this.#s2 = n2;
    this.#s3 = n3;
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** Uniform double in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling). */
  int(n: number): number {
    if (!(n >= 1) || n > TWO_POW_32 || !Number.isInteger(n)) {
      throw new InputError("n", `must be an integer in [1, 2^32], got ${n}`);
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x: number;
    do x = this.nextUint32(); while (x >= limit);
    return x % n;
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.float() < p;
  }

  /** Fisher–Yates shuffle in place; returns the array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(xs: T): T {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = xs[i];
      xs[i] = xs[j];
      xs[j] = tmp;
    }
    return xs;
  }

  /** A uniformly random element. */
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new InputError("xs", "cannot pick from an empty array");
    return xs[this.int(xs.length)]!;
  }

  /**
   * An independent child generator, derived deterministically from this one's seed and `stream`.
   * Use it to give each component its own stream so adding draws in one does not shift another.
   */
  fork(stream: number): Rng {
    let st = (this.seed ^ Math.imul(stream + 1, 0x9e3779b1)) | 0;
    let v: number;
    [st, v] = splitmix32(st);
    return new Rng(v >>> 0);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
