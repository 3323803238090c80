/**
 * Dense symmetric positive-definite solve by Cholesky factorisation (`A = L Lᵀ`), for the Newton
 * step of the logistic-regression solver. Internal.
 * @module
 */

/**
 * Solves `A x = b` for a symmetric positive-definite `A` (row-major d × d). `A` is not modified.
 * Returns null when `A` is not numerically positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, d: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j]!;
      }
    }
  }
  // Forward: L y = b; backward: Lᵀ x = y.
  const x = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * x[k]!;
    x[i] = s / l[i * d + i]!;
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * x[k]!;
    x[i] = s / l[i * d + i]!;
  }
  return x;
}
