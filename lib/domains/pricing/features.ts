/**
 * Pricing features in DuckDB SQL: silver (typed, deduplicated; `silver.ts`) and three gold tables, each
 * point-in-time correct (a row's features use only what was known at its as-of time):
 * - `gold_pricing_risk` (`risk.ts`): customer-risk classifier, one row per booking, label
 *   `incident_next_30d`;
 * - `gold_pricing_demand` (`demand.ts`): per-bay 15-minute demand regressor, label `requests`;
 * - `gold_pricing_conversion` (`conversion.ts`): price → booking model, one row per quote, label
 *   `accepted`, with monotone constraints on price.
 *
 * @example
 * ```ts ignore
 * const { risk, demand, conversion } = await buildPricingGold(db);
 * const demandOnly = await buildGold(db, "demand");
 * ```
 * @module
 */
import { type Db, ident } from "../../data/db.ts";
import { isStringColumn } from "../../data/types.ts";
import { InputError } from "../../errors.ts";
import {
  CONVERSION_CATEGORICAL_FEATURES,
  CONVERSION_GOLD_SQL,
  CONVERSION_KEYS,
  CONVERSION_NUMERIC_FEATURES,
} from "./conversion.ts";
import {
  DEMAND_CATEGORICAL_FEATURES,
  DEMAND_GOLD_SQL,
  DEMAND_KEYS,
  DEMAND_NUMERIC_FEATURES,
} from "./demand.ts";
import { EVENT_BUCKETS_SQL } from "./events.ts";
import { RISK_CATEGORICAL_FEATURES, RISK_GOLD_SQL, RISK_KEYS, RISK_NUMERIC_FEATURES } from "./risk.ts";
import { buildPricingSilver } from "./silver.ts";
import { describeGold, type GoldColumns, type GoldResult } from "../gold.ts";

export type { GoldResult };

/** The pricing models, each with its own gold table. */
export const PRICING_MODELS = ["risk", "demand", "conversion"] as const;
/** One of {@link PRICING_MODELS}. */
export type PricingModel = typeof PRICING_MODELS[number];

interface GoldSpec extends GoldColumns {
  readonly sql: readonly string[];
  readonly needsEvents: boolean;
}

const SPECS: Record<PricingModel, GoldSpec> = {
  risk: {
    table: "gold_pricing_risk",
    sql: RISK_GOLD_SQL,
    numeric: RISK_NUMERIC_FEATURES,
    categorical: RISK_CATEGORICAL_FEATURES,
    label: "incident_next_30d",
    keys: RISK_KEYS,
    needsEvents: false,
  },
  demand: {
    table: "gold_pricing_demand",
    sql: DEMAND_GOLD_SQL,
    numeric: DEMAND_NUMERIC_FEATURES,
    categorical: DEMAND_CATEGORICAL_FEATURES,
    label: "requests",
    keys: DEMAND_KEYS,
    needsEvents: true,
  },
  conversion: {
    table: "gold_pricing_conversion",
    sql: CONVERSION_GOLD_SQL,
    numeric: CONVERSION_NUMERIC_FEATURES,
    categorical: CONVERSION_CATEGORICAL_FEATURES,
    label: "accepted",
    keys: CONVERSION_KEYS,
    needsEvents: true,
  },
};

function parseModel(model: string): PricingModel {
  if ((PRICING_MODELS as readonly string[]).includes(model)) return model as PricingModel;
  throw new InputError(
    "model",
    `must be one of ${PRICING_MODELS.map((m) => `"${m}"`).join(", ")}, got "${model}"`,
  );
}

async function buildOne(db: Db, model: PricingModel): Promise<GoldResult> {
  const spec = SPECS[model];
  for (const sql of spec.sql) await db.exec(sql);
  return await describeGold(db, spec);
}

const SHARED_TEMPS = new Set(["_pricing_bay_events", "_pricing_event_buckets"]);

/** Drops this domain's intermediate temp tables (all, or all but the shared event tables), freeing memory. */
async function dropTemps(db: Db, keepShared: boolean): Promise<void> {
  const temps = await db.query(
    `select table_name from duckdb_tables() where temporary and starts_with(table_name, '_pricing_')`,
  );
  const names = temps.columns.table_name;
  if (!names || !isStringColumn(names)) return;
  for (const code of names.codes) {
    const name = names.dictionary[code]!;
    if (keepShared && SHARED_TEMPS.has(name)) continue;
    await db.exec(`drop table if exists ${ident(name)}`);
  }
}

/** Options of {@link buildPricingGold}. */
export interface PricingGoldOptions {
  /**
   * DuckDB memory limit while building (e.g. `"2GB"`); the database's own limit is restored afterwards.
   * At seed scale an unbounded build holds ~9 GB (DuckDB keeps every intermediate in its buffer pool); with
   * `"2GB"` it peaks near 2.7 GB, spilling to `tempDirectory`, with identical tables and no loss of speed.
   */
  readonly memoryLimit?: string;
  /**
   * Where DuckDB spills when over `memoryLimit` (required with it: the default `.tmp` is relative to the
   * working directory). It stays the database's temp directory afterwards (DuckDB cannot move it once
   * blocks were spilled there), so remove it only after closing the database.
   */
  readonly tempDirectory?: string;
}

const MEMORY = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** Runs `fn` with DuckDB's memory limit (and temp directory) set; the previous memory limit is restored after. */
async function withMemoryLimit<T>(db: Db, options: PricingGoldOptions, fn: () => Promise<T>): Promise<T> {
  const { memoryLimit, tempDirectory } = options;
  if (memoryLimit === undefined && tempDirectory === undefined) return await fn();
  if (memoryLimit !== undefined && !MEMORY.test(memoryLimit)) {
    throw new InputError("memoryLimit", `must be a size such as "2GB" or "512MiB", got "${memoryLimit}"`);
  }
  if (memoryLimit !== undefined && (tempDirectory === undefined || tempDirectory.trim() === "")) {
    throw new InputError("tempDirectory", "is required with memoryLimit (where DuckDB spills)");
  }
  if (tempDirectory !== undefined && (tempDirectory.trim() === "" || tempDirectory.includes("'"))) {
    throw new InputError("tempDirectory", `must be a non-empty path without quotes, got "${tempDirectory}"`);
  }
  const previous = await db.query(
    `select current_setting('memory_limit') as m, current_setting('temp_directory') as t`,
  );
  const prev = (c: string) => {
    const col = previous.columns[c]!;
    return isStringColumn(col) ? col.dictionary[col.codes[0]!]! : "";
  };
  const oldLimit = prev("m");
  if (tempDirectory !== undefined && tempDirectory !== prev("t")) {
    await db.exec(`SET temp_directory = '${tempDirectory}'`);
  }
  try {
    if (memoryLimit !== undefined) await db.exec(`SET memory_limit = '${memoryLimit}'`);
    return await fn();
  } finally {
    // RESET first: when the default was in effect it comes back exactly (the displayed value is rounded).
    await db.exec(`RESET memory_limit`);
    const now = await db.scalar(`select current_setting('memory_limit') = '${oldLimit}'`);
    if (!now) await db.exec(`SET memory_limit = '${oldLimit}'`);
  }
}

/**
 * Builds silver, then the gold tables of `models` (default: all three). With `options.memoryLimit` the
 * build runs under that DuckDB memory limit (see {@link PricingGoldOptions}).
 */
export async function buildPricingGold(
  db: Db,
  models: readonly PricingModel[] = PRICING_MODELS,
  options: PricingGoldOptions = {},
): Promise<Record<PricingModel, GoldResult>> {
  const wanted = models.map((m) => parseModel(m));
  return await withMemoryLimit(db, options, () => buildAll(db, wanted));
}

async function buildAll(db: Db, wanted: readonly PricingModel[]): Promise<Record<PricingModel, GoldResult>> {
  await buildPricingSilver(db);
  if (wanted.some((m) => SPECS[m].needsEvents)) { for (const sql of EVENT_BUCKETS_SQL) await db.exec(sql); }
  const out: Partial<Record<PricingModel, GoldResult>> = {};
  for (const m of wanted) {
    out[m] = await buildOne(db, m);
    await dropTemps(db, true);
  }
  await dropTemps(db, false);
  return out as Record<PricingModel, GoldResult>;
}

/** The per-domain convention: `buildGold(db, model)` builds silver + one model's gold table. */
export async function buildGold(db: Db, model: PricingModel = "risk"): Promise<GoldResult> {
  const m = parseModel(String(model));
  return (await buildPricingGold(db, [m]))[m];
}
