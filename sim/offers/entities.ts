/**
 * The offers world's entities as typed columns: customers (with their latent behaviour), the product
 * catalogue (with per-category popularity), and the offers. No per-row objects.
 * @module
 */
import { beta, Categorical, gamma, lognormal, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS } from "../common/mod.ts";
import { OFFERS_START_MS } from "./calendar.ts";
import { CATEGORIES, DISCOUNT_TYPE_SHARE, type OffersSizes, SEGMENT_PROFILES, SEGMENTS } from "./params.ts";

const N_CAT = CATEGORIES.length;

/** Customers: observed attributes plus the latent behaviour that drives them. */
export interface Customers {
  readonly n: number;
  readonly segment: Int32Array;
  readonly homeStore: Int32Array;
  readonly joinMs: Float64Array;
  /** 0 bronze, 1 silver, 2 gold. */
  readonly loyaltyTier: Int32Array;
  readonly emailConsent: Int32Array;
  /** Latent promo sensitivity s ∈ (0, 1). */
  readonly promoSensitivity: Float64Array;
  /** Expected orders per day before seasonality. */
  readonly orderRate: Float64Array;
  /** Mean lines per basket. */
  readonly basketLines: Float64Array;
  /** Category affinity, row-major n × 20, each row sums to 1. */
  readonly affinity: Float64Array;
  /** Cumulative affinity (for sampling), n × 20. */
  readonly affinityCum: Float64Array;
  /** The customer's favourite product per category (index into products), n × 20. */
  readonly favourite: Int32Array;
}

/** Product catalogue with per-category popularity tables. */
export interface Products {
  readonly n: number;
  readonly category: Int32Array;
  readonly subcategory: Int32Array;
  readonly brand: Int32Array;
  readonly basePrice: Float64Array;
  readonly margin: Float64Array;
  readonly shelfLifeDays: Int32Array;
  /** CSR by category: products of category k are `byCategory[catStart[k] .. catStart[k+1])`. */
  readonly catStart: Int32Array;
  readonly byCategory: Int32Array;
  /** Cumulative popularity within each category, aligned with `byCategory` (ends at 1 per category). */
  readonly popularityCum: Float64Array;
}

/** Offers: one product each, a discount, a validity window, optional segment and store scope. */
export interface Offers {
  readonly n: number;
  readonly product: Int32Array;
  readonly discountType: Int32Array;
  readonly discountValue: Float64Array;
  /** Discount as a share of the base price: percentage/100, fixed/base price, bogo 0.5. */
  readonly depth: Float64Array;
  readonly startDay: Int32Array;
  /** Exclusive. */
  readonly endDay: Int32Array;
  /** Bit i set → segment i eligible; 0 → all segments. */
  readonly segmentMask: Int32Array;
  /** Eligible store ids per offer; null = all stores. */
  readonly stores: readonly (readonly number[] | null)[];
  readonly maxRedemptions: Int32Array;
}

const PERISHABLE = new Set(["dairy", "produce", "bakery", "meat", "seafood", "deli"]);

/** Draws the product catalogue: category sizes ∝ Gamma(4), log-normal prices per category, Zipf popularity. */
export function drawProducts(rng: Rng, n: number): Products {
  const catWeights = Array.from({ length: N_CAT }, () => gamma(rng, 4));
  const catPick = new Categorical(catWeights);
  const category = new Int32Array(n), subcategory = new Int32Array(n), brand = new Int32Array(n);
  const basePrice = new Float64Array(n), margin = new Float64Array(n), shelfLifeDays = new Int32Array(n);
  const catPriceMu = Array.from({ length: N_CAT }, () => Math.log(1.5 + 8 * rng.float()));
  for (let i = 0; i < n; i++) {
    // The first 20 products cover every category so no category is empty.
    const k = i < N_CAT ? i : catPick.sample(rng);
    category[i] = k;
    subcategory[i] = k * 5 + rng.int(5);
    brand[i] = k * 25 + rng.int(25);
    basePrice[i] = Math.max(0.29, Math.round(lognormal(rng, catPriceMu[k]!, 0.5) * 100) / 100);
    margin[i] = Math.round((0.1 + 0.35 * rng.float()) * 1000) / 1000;
    shelfLifeDays[i] = PERISHABLE.has(CATEGORIES[k]!) ? 2 + rng.int(20) : 90 + rng.int(640);
  }
  const catStart = new Int32Array(N_CAT + 1);
  for (let i = 0; i < n; i++) catStart[category[i]! + 1]!++;
  for (let k = 0; k < N_CAT; k++) catStart[k + 1]! += catStart[k]!;
  const fill = catStart.slice(0, N_CAT);
  const byCategory = new Int32Array(n);
  for (let i = 0; i < n; i++) byCategory[fill[category[i]!]!++] = i;
  // Popularity: Zipf(0.9) over a random order of the category's products.
  const popularityCum = new Float64Array(n);
  for (let k = 0; k < N_CAT; k++) {
    const a = catStart[k]!, b = catStart[k + 1]!;
    rng.shuffle(byCategory.subarray(a, b));
    let acc = 0;
    for (let j = a; j < b; j++) acc += 1 / Math.pow(j - a + 1, 0.9);
    let run = 0;
    for (let j = a; j < b; j++) {
      run += 1 / Math.pow(j - a + 1, 0.9) / acc;
      popularityCum[j] = run;
    }
    if (b > a) popularityCum[b - 1] = 1;
  }
  return {
    n,
    category,
    subcategory,
    brand,
    basePrice,
    margin,
    shelfLifeDays,
    catStart,
    byCategory,
    popularityCum,
  };
}

/** Draws a product of category k by popularity (binary search in the cumulative table). */
export function sampleProduct(rng: Rng, p: Products, k: number): number {
  const a = p.catStart[k]!, b = p.catStart[k + 1]!;
  const u = rng.float();
  let lo = a, hi = b - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (p.popularityCum[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return p.byCategory[lo]!;
}

/** Draws customers: segment by the declared shares, latent rates and a Dirichlet-like category affinity. */
export function drawCustomers(rng: Rng, sizes: OffersSizes, products: Products): Customers {
  const n = sizes.customers;
  const segPick = new Categorical(SEGMENTS.map((s) => SEGMENT_PROFILES[s].share));
  const segment = new Int32Array(n), homeStore = new Int32Array(n), joinMs = new Float64Array(n);
  const loyaltyTier = new Int32Array(n), emailConsent = new Int32Array(n);
  const promoSensitivity = new Float64Array(n),
    orderRate = new Float64Array(n),
    basketLines = new Float64Array(n);
  const affinity = new Float64Array(n * N_CAT), affinityCum = new Float64Array(n * N_CAT);
  const favourite = new Int32Array(n * N_CAT);
  const priors = SEGMENTS.map((s) => {
    const fav = new Set<string>(SEGMENT_PROFILES[s].favouriteCategories);
    return CATEGORIES.map((c) => (fav.has(c) ? 4 : 1));
  });
  for (let c = 0; c < n; c++) {
    const s = segPick.sample(rng);
    const prof = SEGMENT_PROFILES[SEGMENTS[s]!];
    segment[c] = s;
    homeStore[c] = rng.int(sizes.stores);
    joinMs[c] = OFFERS_START_MS - (30 + rng.int(1500)) * DAY_MS;
    const activity = lognormal(rng, -0.08, 0.4); // mean ≈ 1
    orderRate[c] = (prof.ordersPer180Days / 180) * activity;
    basketLines[c] = prof.basketLines * lognormal(rng, -0.02, 0.2);
    const m = prof.promoSensitivity;
    promoSensitivity[c] = beta(rng, 8 * m, 8 * (1 - m));
    const tierU = rng.float() + 0.15 * (activity - 1);
    loyaltyTier[c] = tierU < 0.55 ? 0 : tierU < 0.85 ? 1 : 2;
    emailConsent[c] = rng.bernoulli(0.6) ? 1 : 0;
    const prior = priors[s]!;
    let total = 0;
    const row = c * N_CAT;
    for (let k = 0; k < N_CAT; k++) {
      const w = gamma(rng, prior[k]!);
      affinity[row + k] = w;
      total += w;
    }
    let run = 0;
    for (let k = 0; k < N_CAT; k++) {
      const a = affinity[row + k]! / total;
      affinity[row + k] = a;
      run += a;
      affinityCum[row + k] = run;
      favourite[row + k] = sampleProduct(rng, products, k);
    }
    affinityCum[row + N_CAT - 1] = 1;
  }
  return {
    n,
    segment,
    homeStore,
    joinMs,
    loyaltyTier,
    emailConsent,
    promoSensitivity,
    orderRate,
    basketLines,
    affinity,
    affinityCum,
    favourite,
  };
}

/** Draws offers on popular products with a discount type, a 14–42-day window and optional scopes. */
export function drawOffers(rng: Rng, sizes: OffersSizes, products: Products): Offers {
  const n = sizes.offers;
  const typePick = new Categorical(DISCOUNT_TYPE_SHARE);
  const percents = [10, 15, 20, 25, 30, 40];
  const product = new Int32Array(n), discountType = new Int32Array(n), discountValue = new Float64Array(n);
  const depth = new Float64Array(n), startDay = new Int32Array(n), endDay = new Int32Array(n);
  const segmentMask = new Int32Array(n), maxRedemptions = new Int32Array(n);
  const stores: (number[] | null)[] = [];
  for (let o = 0; o < n; o++) {
    const p = sampleProduct(rng, products, rng.int(CATEGORIES.length));
    product[o] = p;
    const t = typePick.sample(rng);
    discountType[o] = t;
    const price = products.basePrice[p]!;
    if (t === 0) {
      const v = percents[rng.int(percents.length)]!;
      discountValue[o] = v;
      depth[o] = v / 100;
    } else if (t === 1) {
      const v = Math.max(0.1, Math.round(price * (0.1 + 0.3 * rng.float()) * 100) / 100);
      discountValue[o] = v;
      depth[o] = Math.min(1, v / price);
    } else {
      discountValue[o] = 1;
      depth[o] = 0.5;
    }
    const len = 14 + rng.int(29);
    const start = rng.int(sizes.days - len + 1);
    startDay[o] = start;
    endDay[o] = start + len;
    if (rng.bernoulli(0.3)) {
      let mask = 1 << rng.int(4);
      if (rng.bernoulli(0.5)) mask |= 1 << rng.int(4);
      segmentMask[o] = mask;
    }
    if (rng.bernoulli(0.15) && sizes.stores > 1) {
      const k = 1 + rng.int(Math.max(1, Math.floor(sizes.stores / 2)));
      const set = new Set<number>();
      while (set.size < k) set.add(rng.int(sizes.stores));
      stores.push([...set].sort((a, b) => a - b));
    } else stores.push(null);
    maxRedemptions[o] = Math.max(50, Math.round((sizes.customers / 10) * (0.5 + rng.float())));
  }
  return {
    n,
    product,
    discountType,
    discountValue,
    depth,
    startDay,
    endDay,
    segmentMask,
    stores,
    maxRedemptions,
  };
}
