/**
 * The feed features in the feature registry, read from the gold table `gold_feed` (build it with
 * `buildFeedGold` first). Each gold row holds the engagement counts strictly before its impression, so a
 * lookup at time T returns the entity's counts as of its latest impression at or before T; the TTL turns an
 * entity not seen for a while into a missing value rather than a stale one.
 *
 * - entity **user** (`user_id`): `user_impressions_before`, `user_clicks_before`, `user_ctr_before`,
 *   `user_avg_dwell_before`; TTL 7 days;
 * - entity **item** (`item_id`): `item_impressions_before`, `item_clicks_before`, `item_ctr_before`; TTL 2 days
 *   (feed items age fast);
 * - entity **creator** (`creator_id`): `creator_impressions_before`, `creator_ctr_before`; TTL 7 days.
 *
 * @example
 * ```ts
 * import { FeatureRegistry } from "../../features/mod.ts";
 * import { registerFeedFeatures } from "./feature_defs.ts";
 * const registry = new FeatureRegistry();
 * registerFeedFeatures(registry);
 * registry.get("item_ctr_before").entity; // "item"
 * ```
 * @module
 */
import type { FeatureDef } from "../../features/feature_def.ts";
import type { FeatureRegistry } from "../../features/registry.ts";

const DAY_MS = 86_400_000;

const def = (
  entity: "user" | "item" | "creator",
  name: string,
  ttlDays: number,
  description: string,
): FeatureDef => ({
  name,
  entity,
  key: `${entity}_id`,
  source: "gold_feed",
  timestamp: "shown_ts",
  value: name,
  dtype: "DOUBLE",
  ttlMs: ttlDays * DAY_MS,
  description,
  owner: "feed",
});

/** The feed feature definitions. */
export const FEED_FEATURE_DEFS: readonly FeatureDef[] = [
  def("user", "user_impressions_before", 7, "impressions shown to the user before (count)"),
  def("user", "user_clicks_before", 7, "clicks by the user before (count)"),
  def("user", "user_ctr_before", 7, "smoothed user click-through rate (clicks + 0.5) / (impressions + 10)"),
  def("user", "user_avg_dwell_before", 7, "mean dwell seconds of the user's clicks; NULL without clicks"),
  def("item", "item_impressions_before", 2, "impressions of the item before (count)"),
  def("item", "item_clicks_before", 2, "clicks on the item before (count)"),
  def("item", "item_ctr_before", 2, "smoothed item click-through rate (clicks + 0.5) / (impressions + 10)"),
  def("creator", "creator_impressions_before", 7, "impressions of the creator's items before (count)"),
  def(
    "creator",
    "creator_ctr_before",
    7,
    "smoothed creator click-through rate (clicks + 0.5) / (impressions + 10)",
  ),
];

/** Registers {@link FEED_FEATURE_DEFS}; a name already registered → ConflictError. */
export function registerFeedFeatures(registry: FeatureRegistry): void {
  for (const d of FEED_FEATURE_DEFS) registry.register(d);
}
