/**
 * Test fixtures: a planted-structure interaction log (users and items in groups; users only interact
 * with their own group's items) with features that reveal the group.
 * @module
 */
import { Rng } from "../../random/mod.ts";
import { type Interactions, makeInteractions } from "../../recsys/mod.ts";
import { type EntityFeatures, makeEntityFeatures } from "./features.ts";

/** A planted log: `groups` groups of `perGroup` users and items; each user has `perUser` distinct own-group items. */
export function plantedLog(seed: number, groups = 4, perGroup = 15, perUser = 8): {
  log: Interactions;
  users: EntityFeatures;
  items: EntityFeatures;
  group: (entity: number) => number;
} {
  const rng = new Rng(seed), n = groups * perGroup;
  const user: number[] = [], item: number[] = [], ts: number[] = [];
  for (let u = 0; u < n; u++) {
    const g = Math.floor(u / perGroup);
    const own = rng.shuffle(Array.from({ length: perGroup }, (_, j) => g * perGroup + j)).slice(0, perUser);
    own.forEach((i, j) => {
      user.push(u);
      item.push(i);
      ts.push(j * 1000 + u);
    });
  }
  const group = (e: number) => Math.floor(e / perGroup);
  const features = (noise: number) =>
    makeEntityFeatures(n, {
      categorical: [{
        name: "group",
        cardinality: groups,
        codes: Array.from({ length: n }, (_, e) => group(e)),
      }],
      numeric: { signal: Array.from({ length: n }, (_, e) => group(e) * 10 + noise * rng.float()) },
    });
  return {
    log: makeInteractions({ user, item, timestamp: ts, nUsers: n, nItems: n }),
    users: features(1),
    items: features(2),
    group,
  };
}
