/**
 * A tiny rides fixture for feature tests: driver stats snapshots, driver ratings (another source) and
 * rider stats (another entity), plus a registry over them.
 * @module
 */
import type { Db } from "../data/db.ts";
import type { FeatureDef } from "./feature_def.ts";
import { FeatureRegistry } from "./registry.ts";

export const DAY = 86_400_000;

/** Creates the source tables. */
export async function createSources(db: Db): Promise<void> {
  await db.exec(`
    create or replace table driver_stats as select * from (values
      (1, TIMESTAMP '2024-01-01 00:00:00', 10, 8),
      (1, TIMESTAMP '2024-01-05 00:00:00', 20, 10),
      (1, TIMESTAMP '2024-01-09 00:00:00', 30, 0),
      (2, TIMESTAMP '2024-01-02 00:00:00', 5, 5)) t(driver_id, computed_at, offered_7d, accepted_7d);
    create or replace table driver_ratings as select * from (values
      (1, TIMESTAMP '2024-01-03 00:00:00', 4.5, 'gold'),
      (2, TIMESTAMP '2024-01-08 00:00:00', 3.9, null)) t(driver_id, rated_at, rating, tier);
    create or replace table rider_stats as select * from (values
      ('r1', TIMESTAMP '2024-01-04 00:00:00', true),
      ('r2', TIMESTAMP '2024-01-06 00:00:00', false)) t(rider_id, seen_at, is_new);`);
}

const base = { entity: "driver", key: "driver_id", owner: "dispatch" } as const;

/** The fixture's definitions. */
export const DEFS: FeatureDef[] = [
  {
    ...base,
    name: "driver_offered_7d",
    source: "driver_stats",
    timestamp: "computed_at",
    value: "offered_7d",
    dtype: "INTEGER",
    description: "offers in 7 days",
  },
  {
    ...base,
    name: "driver_acceptance_rate_7d",
    source: "driver_stats",
    timestamp: "computed_at",
    value: "accepted_7d / nullif(offered_7d, 0)",
    dtype: "DOUBLE",
    description: "accepted / offered over 7 days",
  },
  {
    ...base,
    name: "driver_rating",
    source: "select * from driver_ratings",
    timestamp: "rated_at",
    value: "rating",
    dtype: "DOUBLE",
    ttlMs: 3 * DAY,
    description: "average rating, stale after 3 days",
  },
  {
    ...base,
    name: "driver_tier",
    source: "driver_ratings",
    timestamp: "rated_at",
    value: "tier",
    dtype: "VARCHAR",
    description: "loyalty tier",
  },
  {
    name: "rider_is_new",
    entity: "rider",
    key: "rider_id",
    owner: "growth",
    source: "rider_stats",
    timestamp: "seen_at",
    value: "is_new",
    dtype: "BOOLEAN",
    description: "first-month rider",
  },
];

/** A registry holding {@link DEFS}. */
export function fixtureRegistry(): FeatureRegistry {
  return new FeatureRegistry(DEFS);
}
