/**
 * The naive twin of {@link buildHistogram}: one plain loop per row and feature, no gathering, no
 * offsets shared. Tests compare the fast builder (and the subtraction trick) against it.
 * @module
 */

/** Histograms as `[feature][bin] = [sumGrad, sumHess, count]`, over `rows`. */
export function referenceHistogram(
  bins: Uint8Array,
  nRows: number,
  nBinsPerFeature: number[],
  rows: ArrayLike<number>,
  grad: ArrayLike<number>,
  hess: ArrayLike<number>,
): number[][][] {
  const out = nBinsPerFeature.map((nb) => Array.from({ length: nb }, () => [0, 0, 0]));
  for (let f = 0; f < nBinsPerFeature.length; f++) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const cell = out[f]![bins[f * nRows + r]!]!;
      cell[0]! += grad[r]!;
      cell[1]! += hess[r]!;
      cell[2]! += 1;
    }
  }
  return out;
}
