/**
 * Test helper for the domains' leakage tests: snapshot a gold table's features by (key, as-of time),
 * rewrite everything in bronze that happens at or after a cutoff, rebuild, snapshot again, and compare.
 * A point-in-time correct feature of a row whose as-of time is before the cutoff must not change.
 * @module
 */
import assert from "node:assert/strict";
import { type Db, type Frame, getNumeric } from "../data/mod.ts";
import { sameValue } from "./_same_value.ts";

/** `features` of `table` with its key as `k` and its as-of `time` in epoch ms as `t`, ordered by both. */
export async function goldSnapshot(
  db: Db,
  table: string,
  key: string,
  time: string,
  features: readonly string[],
): Promise<Frame> {
  return await db.query(
    `select ${key} as k, epoch_ms(${time}) as t, ${
      features.join(", ")
    } from ${table} order by ${key}, ${time}`,
  );
}

/** What {@link compareSnapshots} found. */
export interface SnapshotComparison {
  /** Features that changed on some row before the cutoff (a leak), in first-seen order. */
  readonly leaked: string[];
  /** Key of the first row before the cutoff with a changed feature (undefined without a leak). */
  readonly firstLeakKey: number | undefined;
  /** Rows before the cutoff (each checked). */
  readonly early: number;
  /** Feature values that changed on rows at or after the cutoff (the rewrite reached them). */
  readonly laterChanges: number;
}

/**
 * Compares two {@link goldSnapshot}s row by row, matched on (k, t): every row of `before` must still be
 * there; returns the features that changed on rows whose as-of time is before `cutoff`, and how many
 * feature values changed on later rows. Values are compared with {@link sameValue}.
 */
export function compareSnapshots(
  before: Frame,
  after: Frame,
  features: readonly string[],
  cutoff: number,
): SnapshotComparison {
  const kAfter = getNumeric(after, "k"), tAfter = getNumeric(after, "t");
  const at = new Map<string, number>();
  for (let i = 0; i < after.nRows; i++) at.set(`${kAfter[i]}/${tAfter[i]}`, i);
  const kBefore = getNumeric(before, "k"), tBefore = getNumeric(before, "t");
  const leaked = new Set<string>();
  let firstLeakKey: number | undefined, early = 0, laterChanges = 0;
  for (let i = 0; i < before.nRows; i++) {
    const j = at.get(`${kBefore[i]}/${tBefore[i]}`);
    assert.ok(j !== undefined, `row ${kBefore[i]} at ${tBefore[i]} disappeared`);
    const isEarly = tBefore[i]! < cutoff;
    if (isEarly) early++;
    for (const f of features) {
      if (sameValue(getNumeric(before, f)[i]!, getNumeric(after, f)[j]!)) continue;
      if (isEarly) {
        leaked.add(f);
        firstLeakKey ??= kBefore[i];
      } else laterChanges++;
    }
  }
  return { leaked: [...leaked], firstLeakKey, early, laterChanges };
}
