/**
 * Growable typed columns for simulators that do not know their row count in advance (offers until an
 * accept, events from a Poisson process). Append numbers or category codes; `finish()` returns a
 * right-sized Frame column. No per-row objects.
 *
 * @example
 * ```ts
 * import { Float64Builder, StringBuilder } from "./columns.ts";
 * const x = new Float64Builder();
 * x.push(1.5); x.push(2);
 * x.finish(); // Float64Array [1.5, 2]
 * const s = new StringBuilder(["accept", "decline"]);
 * s.push(1);
 * s.finish().dictionary; // ["accept", "decline"]
 * ```
 * @module
 */
import type { StringColumn } from "../../lib/data/types.ts";

type Ctor<T> = { new (n: number): T };

class Growable<T extends Float64Array | Int32Array> {
  #data: T;
  #n = 0;
  readonly #ctor: Ctor<T>;
  constructor(ctor: Ctor<T>, capacity: number) {
    this.#ctor = ctor;
    this.#data = new ctor(Math.max(16, capacity));
  }
  /** Number of values appended so far. */
  get length(): number {
    return this.#n;
  }
  /** Appends one value. */
  push(v: number): void {
    if (this.#n === this.#data.length) {
      const bigger = new this.#ctor(this.#data.length * 2);
      (bigger as Float64Array).set(this.#data as Float64Array);
      this.#data = bigger;
    }
    this.#data[this.#n++] = v;
  }
  /** Reads value `i` (no bounds check beyond the typed array's). */
  get(i: number): number {
    return this.#data[i]!;
  }
  /** Overwrites value `i` (e.g. to fix up the outcome of the last offer). */
  set(i: number, v: number): void {
    this.#data[i] = v;
  }
  /** A right-sized copy of the values. */
  finish(): T {
    return this.#data.slice(0, this.#n) as T;
  }
}

/** Growable Float64 column (NaN = NULL). */
export class Float64Builder extends Growable<Float64Array> {
  constructor(capacity = 1024) {
    super(Float64Array, capacity);
  }
}

/** Growable Int32 column. */
export class Int32Builder extends Growable<Int32Array> {
  constructor(capacity = 1024) {
    super(Int32Array, capacity);
  }
}

/** Growable dictionary-encoded string column over a fixed dictionary; push codes (-1 = NULL). */
export class StringBuilder {
  readonly dictionary: readonly string[];
  readonly #codes: Int32Builder;
  constructor(dictionary: readonly string[], capacity = 1024) {
    this.dictionary = dictionary;
    this.#codes = new Int32Builder(capacity);
  }
  /** Number of values appended so far. */
  get length(): number {
    return this.#codes.length;
  }
  /** Appends one code (an index into `dictionary`, or -1 for NULL). */
  push(code: number): void {
    this.#codes.push(code);
  }
  /** Overwrites code `i`. */
  set(i: number, code: number): void {
    this.#codes.set(i, code);
  }
  /** The finished string column. */
  finish(): StringColumn {
    return { kind: "string", codes: this.#codes.finish(), dictionary: this.dictionary };
  }
}

/** A string column from codes over a fixed dictionary (no copy). */
export function codesColumn(codes: Int32Array, dictionary: readonly string[]): StringColumn {
  return { kind: "string", codes, dictionary };
}

/** An id column `first, first + 1, …, first + n − 1` (the simulators' 0-based row ids by default). */
export function idColumn(n: number, first = 0): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = first + i;
  return ids;
}
