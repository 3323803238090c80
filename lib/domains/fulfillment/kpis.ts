/**
 * The spec's KPI engine (002 §5.3) over stored predictions, in DuckDB SQL. Given a predictions relation
 * with `order_id`, `delay_probability` (in [0, 1]) and `predicted_at` (TIMESTAMP), joined to
 * `silver_fulfillment_orders` for the segments and the order status, it writes one row per prediction:
 *
 * - `severity` (see `severity.ts`);
 * - `segment_risk_score_<warehouse|mode|importance>`: mean delay probability of the predictions of the
 *   same segment made in the 30 days up to and including this one (`predicted_at` in [t − 30 d, t]; the
 *   spec's running average "from historical + current");
 * - `on_time_rate_30d_<segment>`: share of those predictions below `threshold`;
 * - `high_risk_count_30d`: number of predictions (all segments) in the window above `threshold`;
 * - `fulfillment_gap`: 1 when the order is `shipped` and its delay probability is above `threshold`.
 *
 * Every value depends only on predictions made at or before the row's `predicted_at`.
 *
 * @example
 * ```ts ignore
 * const kpis = await buildFulfillmentKpis(db, { predictions: "predictions", threshold: 0.5 });
 * ```
 * @module
 */
import { type Db, ident } from "../../data/db.ts";
import { relationSql } from "../../data/relation.ts";
import { InputError, NotFoundError } from "../../errors.ts";
import { requireInRange, requireIntInRange } from "../../validate.ts";
import { severitySql } from "./severity.ts";

/** Segments of the running KPIs: name → column of `silver_fulfillment_orders`. */
export const KPI_SEGMENTS = [
  { name: "warehouse", column: "warehouse_block" },
  { name: "mode", column: "mode_of_shipment" },
  { name: "importance", column: "product_importance" },
] as const;

/** Options of {@link buildFulfillmentKpis}. */
export interface KpiOptions {
  /** Table/view name or SELECT query with `order_id`, `delay_probability`, `predicted_at`. */
  readonly predictions: string;
  /** High-risk / on-time threshold on the delay probability (default 0.5). */
  readonly threshold?: number;
  /** Running window in days (default 30). */
  readonly windowDays?: number;
  /** Output table (default `kpi_fulfillment_orders`). */
  readonly table?: string;
}

/** What {@link buildFulfillmentKpis} wrote. */
export interface KpiResult {
  readonly table: string;
  readonly rows: number;
  readonly columns: readonly string[];
}

/** Builds the per-prediction KPI table; needs `silver_fulfillment_orders` (see `buildFulfillmentSilver`). */
export async function buildFulfillmentKpis(db: Db, options: KpiOptions): Promise<KpiResult> {
  const threshold = options.threshold ?? 0.5, windowDays = options.windowDays ?? 30;
  requireInRange("threshold", threshold, 0, 1);
  requireIntInRange("windowDays", windowDays, 1, 3650);
  const table = options.table ?? "kpi_fulfillment_orders";
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) {
    throw new InputError("table", `must be a lower-case SQL name, got "${table}"`);
  }
  if (!(await db.hasTable("silver_fulfillment_orders"))) {
    throw new NotFoundError("silver_fulfillment_orders", "build the fulfillment silver tables first");
  }
  const src = relationSql(options.predictions);
  const bad = await db.scalar(
    `select count(*) from ${src} where delay_probability is null or not (delay_probability between 0 and 1)
       or predicted_at is null`,
  );
  if (bad > 0) {
    throw new InputError(
      "predictions",
      `${bad} rows have a delay_probability outside [0, 1] or no predicted_at`,
    );
  }
  const frame = (partition: string) =>
    `over (${partition} order by p.predicted_at range between interval ${windowDays} day preceding and current row)`;
  const segmentCols = KPI_SEGMENTS.flatMap((s) => [
    `avg(p.delay_probability) ${frame(`partition by o.${s.column}`)} as segment_risk_score_${s.name}`,
    `avg(CAST(p.delay_probability < ${threshold} AS INTEGER)) ${
      frame(`partition by o.${s.column}`)
    } as on_time_rate_30d_${s.name}`,
  ]);
  await db.exec(`create or replace table ${ident(table)} as
    select p.order_id, p.predicted_at, p.delay_probability, ${severitySql("p.delay_probability")} as severity,
           ${segmentCols.join(",\n           ")},
           CAST(sum(CAST(p.delay_probability > ${threshold} AS INTEGER)) ${
    frame("")
  } AS INTEGER) as high_risk_count_30d,
           CAST(o.order_status = 'shipped' and p.delay_probability > ${threshold} AS INTEGER) as fulfillment_gap,
           ${KPI_SEGMENTS.map((s) => `o.${s.column}`).join(", ")}, o.order_status
    from ${src} p join silver_fulfillment_orders o using (order_id)
    order by p.predicted_at, p.order_id`);
  const columns = (await db.rows(
    `select column_name from information_schema.columns where table_name = '${table}' order by ordinal_position`,
  )).map((r) => String(r.column_name));
  return { table, rows: await db.scalar(`select count(*) from ${ident(table)}`), columns };
}
