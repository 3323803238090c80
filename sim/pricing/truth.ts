/**
 * The true probability behind the risk label: P(the customer has an incident in [t, t + 30 days)) for a
 * booking at t, given the trips the customer actually takes. A trip j of the customer fails at a uniform
 * time within [start_j, end_j) with probability p_j, independently of other trips, so
 *   P = 1 − Π_j (1 − p_j · |[start_j, end_j) ∩ [t, t + 30 d)| / (end_j − start_j)).
 *
 * @example
 * ```ts
 * import { incidentWithinProbability } from "./truth.ts";
 * // one customer, two one-hour trips with p = 0.5; the window [0, 5400000) covers 1.5 of them
 * const p = incidentWithinProbability(
 *   Int32Array.from([0, 0]), Float64Array.from([0, 3_600_000]), Float64Array.from([3_600_000, 7_200_000]),
 *   Float64Array.from([0.5, 0.5]), 5_400_000,
 * );
 * p[0]; // 1 − (1 − 0.5)(1 − 0.25) = 0.625
 * ```
 * @module
 */

/** 30 days in ms: the risk label's horizon. */
export const LABEL_WINDOW_MS = 30 * 86_400_000;

/**
 * For every trip i, the probability of at least one incident of the same customer in
 * [start_i, start_i + windowMs). Trips need not be sorted.
 */
export function incidentWithinProbability(
  customer: Int32Array,
  start: Float64Array,
  end: Float64Array,
  p: Float64Array,
  windowMs: number = LABEL_WINDOW_MS,
): Float64Array {
  const n = customer.length;
  const order = groupByCustomerThenStart(customer, start);
  let maxDuration = 0;
  for (let i = 0; i < n; i++) maxDuration = Math.max(maxDuration, end[i]! - start[i]!);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!, c = customer[i]!, t = start[i]!, w = t + windowMs;
    let logSurvive = 0;
    // trips that started earlier may still be running at t
    for (let m = k - 1; m >= 0; m--) {
      const j = order[m]!;
      if (customer[j] !== c || start[j]! < t - maxDuration) break;
      if (end[j]! > t) logSurvive += Math.log1p(-p[j]! * (Math.min(end[j]!, w) - t) / (end[j]! - start[j]!));
    }
    for (let m = k; m < n; m++) {
      const j = order[m]!;
      if (customer[j] !== c || start[j]! >= w) break;
      logSurvive += Math.log1p(-p[j]! * (Math.min(end[j]!, w) - start[j]!) / (end[j]! - start[j]!));
    }
    out[i] = -Math.expm1(logSurvive);
  }
  return out;
}

/**
 * Trip indices grouped by customer (counting sort, stable), each group ordered by start time (then index)
 * with an insertion sort: O(n) when trips arrive nearly in time order, as the simulator emits them.
 */
function groupByCustomerThenStart(customer: Int32Array, start: Float64Array): Int32Array {
  const n = customer.length;
  let maxCustomer = -1;
  for (let i = 0; i < n; i++) maxCustomer = Math.max(maxCustomer, customer[i]!);
  const offset = new Int32Array(maxCustomer + 2);
  for (let i = 0; i < n; i++) offset[customer[i]! + 1] = offset[customer[i]! + 1]! + 1;
  for (let c = 0; c <= maxCustomer; c++) offset[c + 1] = offset[c + 1]! + offset[c]!;
  const order = new Int32Array(n), fill = offset.slice(0, maxCustomer + 1);
  for (let i = 0; i < n; i++) {
    const c = customer[i]!;
    order[fill[c]!] = i;
    fill[c] = fill[c]! + 1;
  }
  for (let c = 0; c <= maxCustomer; c++) {
    for (let k = offset[c]! + 1; k < offset[c + 1]!; k++) {
      const i = order[k]!;
      let m = k - 1;
      while (
        m >= offset[c]! && (start[order[m]!]! > start[i]! || (start[order[m]!] === start[i] && order[m]! > i))
      ) {
        order[m + 1] = order[m]!;
        m--;
      }
      order[m + 1] = i;
    }
  }
  return order;
}
