/**
 * Draws the per-shipment attributes of the Kaggle schema with the Kaggle marginals (see `params.ts`):
 * warehouse, mode and carrier, importance, gender, rating, prior purchases, cost, discount and weight
 * (correlated through a latent promotional regime), and care calls (correlated with cost, weight and
 * discount through a Gaussian copula). Row i's draws come from one stream in a fixed order, so the same seed
 * gives the same shipments whatever the scenario.
 * @module
 */
import { Categorical, normal, type Rng } from "../../lib/random/mod.ts";
import {
  CALLS_COPULA,
  CALLS_COUNTS,
  CALLS_VALUES,
  CARRIERS,
  COST,
  DISCOUNT,
  GENDER_SHARE,
  IMPORTANCE_SHARE,
  MODE_SHARE,
  MODES,
  PRIOR_COUNTS,
  PRIOR_VALUES,
  WAREHOUSE_SHARE,
  WEIGHT_BANDS,
} from "./params.ts";

/** Attributes of n shipments, one typed array per column. */
export interface Covariates {
  readonly n: number;
  readonly warehouse: Int32Array;
  readonly mode: Int32Array;
  /** Index into CARRIERS. */
  readonly carrier: Int32Array;
  readonly importance: Int32Array;
  readonly gender: Int32Array;
  readonly rating: Int32Array;
  readonly priorPurchases: Int32Array;
  readonly cost: Int32Array;
  readonly discount: Int32Array;
  readonly weightG: Int32Array;
  readonly calls: Int32Array;
  /** Latent: 1 for the promotional regime. */
  readonly promo: Int32Array;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Maps u ∈ [0, 1) to a category by cumulative weights (inverse-CDF of a discrete law). */
function inverseDiscrete(u: number, cumulative: Float64Array): number {
  for (let k = 0; k < cumulative.length - 1; k++) if (u < cumulative[k]!) return k;
  return cumulative.length - 1;
}

function cumulativeShares(counts: readonly number[]): Float64Array {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = new Float64Array(counts.length);
  let acc = 0;
  counts.forEach((c, i) => out[i] = (acc += c) / total);
  return out;
}

/** Draws n shipments' attributes from `rng`. */
export function drawCovariates(rng: Rng, n: number): Covariates {
  const warehouseDist = new Categorical(WAREHOUSE_SHARE);
  const modeDist = new Categorical(MODE_SHARE);
  const carriersOf = MODES.map((_, m) => CARRIERS.map((c, i) => ({ c, i })).filter((x) => x.c.mode === m));
  const carrierDist = carriersOf.map((list) => new Categorical(list.map((x) => x.c.share)));
  const importanceDist = new Categorical(IMPORTANCE_SHARE);
  const genderDist = new Categorical(GENDER_SHARE);
  const priorDist = new Categorical(PRIOR_COUNTS);
  const regularBand = new Categorical(WEIGHT_BANDS.map((b) => b.regular));
  const promoBand = new Categorical(WEIGHT_BANDS.map((b) => b.promo));
  const callsCum = cumulativeShares(CALLS_COUNTS);
  const noiseSd = Math.sqrt(
    1 - CALLS_COPULA.cost ** 2 - CALLS_COPULA.weight ** 2 - CALLS_COPULA.discount ** 2,
  );

  const out = {
    n,
    warehouse: new Int32Array(n),
    mode: new Int32Array(n),
    carrier: new Int32Array(n),
    importance: new Int32Array(n),
    gender: new Int32Array(n),
    rating: new Int32Array(n),
    priorPurchases: new Int32Array(n),
    cost: new Int32Array(n),
    discount: new Int32Array(n),
    weightG: new Int32Array(n),
    calls: new Int32Array(n),
    promo: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.warehouse[i] = warehouseDist.sample(rng);
    const m = modeDist.sample(rng);
    out.mode[i] = m;
    out.carrier[i] = carriersOf[m]![carrierDist[m]!.sample(rng)]!.i;
    out.importance[i] = importanceDist.sample(rng);
    out.gender[i] = genderDist.sample(rng);
    out.rating[i] = 1 + rng.int(5);
    out.priorPurchases[i] = PRIOR_VALUES[priorDist.sample(rng)]!;
    const cost = Math.min(COST.max, Math.max(COST.min, Math.round(normal(rng, COST.mean, COST.sd))));
    out.cost[i] = cost;
    const promo = rng.bernoulli(DISCOUNT.promoShare);
    out.promo[i] = promo ? 1 : 0;
    out.discount[i] = 1 + rng.int(promo ? DISCOUNT.promoMax : DISCOUNT.regularMax);
    const band = WEIGHT_BANDS[(promo ? promoBand : regularBand).sample(rng)]!;
    const w = band.min + rng.int(band.max - band.min);
    out.weightG[i] = w;
    const z = CALLS_COPULA.cost * (cost - COST.mean) / COST.sd +
      CALLS_COPULA.weight * (w - CALLS_COPULA.weightMean) / CALLS_COPULA.weightSd +
      CALLS_COPULA.discount * (out.discount[i]! - CALLS_COPULA.discountMean) / CALLS_COPULA.discountSd +
      noiseSd * normal(rng);
    out.calls[i] = CALLS_VALUES[inverseDiscrete(normalCdf(z), callsCum)]!;
  }
  return out;
}
