/**
 * Test/bench helper: baskets drawn from planted item clusters. Item `i` belongs to cluster
 * `i mod nClusters`; each basket picks one cluster and draws `basketSize` of its items (with
 * replacement), then with probability `noise` swaps one for a uniformly random item.
 * @module
 */
import { Rng } from "../../random/mod.ts";

/** Options of {@link plantedBaskets}. */
export interface PlantedBasketOptions {
  nItems: number;
  nClusters: number;
  nBaskets: number;
  basketSize: number;
  noise: number;
  seed: number;
}

/** Baskets of item ids; see the module doc. */
export function plantedBaskets(o: PlantedBasketOptions): Int32Array[] {
  const rng = new Rng(o.seed);
  const perCluster = Math.floor(o.nItems / o.nClusters);
  const out: Int32Array[] = [];
  for (let b = 0; b < o.nBaskets; b++) {
    const c = rng.int(o.nClusters);
    const basket = Int32Array.from({ length: o.basketSize }, () => c + o.nClusters * rng.int(perCluster));
    if (rng.bernoulli(o.noise)) basket[rng.int(o.basketSize)] = rng.int(perCluster * o.nClusters);
    out.push(basket);
  }
  return out;
}

/** The planted cluster of an item. */
export function plantedCluster(item: number, nClusters: number): number {
  return item % nClusters;
}
