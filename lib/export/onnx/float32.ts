/**
 * Float32 rounding for split thresholds.
 *
 * A tree routes left when `x <= t` with `t` a double and `x` a float32 input. A runtime that compares in
 * float32 needs a float32 threshold `f` with, for every float32 `x`, `x <= t ⟺ x <= f`. That `f` is the
 * **largest float32 at or below `t`** ({@link float32AtOrBelow}): every float32 `x <= t` is `<= f` (no
 * float32 lies in `(f, t]`), and `x <= f` implies `x <= t`. Round-to-nearest (`Math.fround`) is wrong
 * whenever it rounds up: the float32 `fround(t) > t` then goes left in float32 but right in TypeScript.
 *
 * @example
 * ```ts
 * import { float32AtOrBelow, nextFloat32Up } from "./float32.ts";
 * const t = 0.1;                         // not a float32
 * Math.fround(t) > t;                    // true: nearest rounds up
 * const f = float32AtOrBelow(t);         // 0.099999994039535…
 * f <= t && nextFloat32Up(f) > t;        // true
 * ```
 * @module
 */

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The float32 just above float32 `f` (`+∞` stays `+∞`, NaN stays NaN). */
export function nextFloat32Up(f: number): number {
  if (f !== f || f === Infinity) return f;
  if (f === 0) return 1.401298464324817e-45; // smallest subnormal, from −0 or +0
  F32[0] = f;
  if (F32[0]! !== f) throw new RangeError(`${f} is not a float32`);
  U32[0] = f > 0 ? U32[0]! + 1 : U32[0]! - 1;
  return F32[0]!;
}

/** The float32 just below float32 `f` (`−∞` stays `−∞`, NaN stays NaN). */
export function nextFloat32Down(f: number): number {
  return -nextFloat32Up(-f);
}

/**
 * The largest float32 `f` with `f <= t` (`−∞` for `t` below −FLT_MAX, FLT_MAX for `t` in
 * `[FLT_MAX, +∞)`, NaN for NaN). For every float32 `x`: `x <= t ⟺ x <= f`.
 */
export function float32AtOrBelow(t: number): number {
  const f = Math.fround(t);
  return f > t ? nextFloat32Down(f) : f;
}
