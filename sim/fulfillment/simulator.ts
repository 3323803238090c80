/**
 * The fulfillment simulator (spec 002): e-commerce shipments with the Kaggle "E-Commerce Shipping Data"
 * schema and the spec's enriched schema, and a declared delay mechanism (`mechanism.ts`).
 *
 * Tables (rows in order-time order; `ID` = `order_id` = 1..n):
 * - `shipments`: the Kaggle schema exactly — `ID, Warehouse_block, Mode_of_Shipment, Customer_care_calls,
 *   Customer_rating, Cost_of_the_Product, Prior_purchases, Product_importance, Gender, Discount_offered,
 *   Weight_in_gms, Reached.on.Time_Y.N` (1 = late), every row with its eventual outcome;
 * - `orders`: the enriched schema (OMS/WMS/TMS/CRM/PIM/pricing) as a snapshot at the end of the last day:
 *   `ship_date` is NULL (NaN) for orders not yet handed over and `delivery_date` for parcels not yet
 *   delivered; `order_status` and `payment_status` are as of the snapshot. Timestamps are epoch ms.
 *
 * Truth: `delay` (per shipment: true P(late), its log-odds, the congestion term, whether the carrier was
 * disrupted, and P(late) without the disruption) and `congestion` (per block and day).
 *
 * Scenarios: `normal`, `carrier_disruption` (OceanLink hand-overs in a 14-day window mid-history get
 * +1.6 log-odds). Every random stream is forked per component, so both scenarios share the same shipments,
 * times and uniforms: only the disrupted rows' probabilities (and so, possibly, their outcomes) differ.
 *
 * @example
 * ```ts
 * import { fulfillmentSimulator } from "./simulator.ts";
 * const out = fulfillmentSimulator.generate({ seed: 1, scale: "tiny", shipments: 100 });
 * out.tables.shipments!.nRows; // 100
 * ```
 * @module
 */
import { makeFrame } from "../../lib/data/mod.ts";
import { Rng } from "../../lib/random/mod.ts";
import {
  checkGenerateOptions,
  codesColumn,
  DAY_MS,
  type GenerateOptions,
  idColumn,
  SIM_EPOCH_MS,
  type SimOutput,
  type Simulator,
} from "../common/mod.ts";
import { drawCovariates } from "./covariates.ts";
import { FULFILLMENT_GRAPH } from "./graph.ts";
import { baseLogit, EFFECTS, sigmoid } from "./mechanism.ts";
import {
  CARRIERS,
  DISRUPTION,
  FULFILLMENT_OPTIONS,
  FULFILLMENT_SCENARIOS,
  type FulfillmentSizes,
  GENDERS,
  IMPORTANCE,
  MODES,
  ORDER_STATUS,
  PAYMENT_STATUS,
  PROMISE_DAYS,
  REFUND,
  resolveSizes,
  WAREHOUSES,
} from "./params.ts";
import { deliveryMs, drawCongestion, drawHandlingMs, drawOrderTimes, statusAt } from "./timeline.ts";

/** Size overrides accepted by the fulfillment simulator (each a positive integer). */
export type FulfillmentOptions = Partial<FulfillmentSizes>;

/** The Kaggle column names, in file order. */
export const KAGGLE_COLUMNS = [
  "ID",
  "Warehouse_block",
  "Mode_of_Shipment",
  "Customer_care_calls",
  "Customer_rating",
  "Cost_of_the_Product",
  "Prior_purchases",
  "Product_importance",
  "Gender",
  "Discount_offered",
  "Weight_in_gms",
  "Reached.on.Time_Y.N",
] as const;

/** The enriched column names (spec §3.3, plus the TMS tracking id of §3.2), in order. */
export const ENRICHED_COLUMNS = [
  "order_id",
  "customer_id",
  "order_date",
  "promised_delivery_date",
  "ship_date",
  "delivery_date",
  "warehouse_block",
  "mode_of_shipment",
  "carrier_name",
  "tracking_id",
  "customer_care_calls",
  "customer_rating",
  "prior_purchases",
  "gender",
  "product_importance",
  "cost_of_product",
  "discount_offered",
  "weight_in_gms",
  "payment_status",
  "order_status",
] as const;

/** The disruption window [startMs, endMs) of a run that is `days` long. */
export function disruptionWindow(days: number): { startMs: number; endMs: number } {
  const startMs = SIM_EPOCH_MS + Math.floor(DISRUPTION.startFraction * days) * DAY_MS;
  return { startMs, endMs: startMs + DISRUPTION.days * DAY_MS };
}

function generate(opts: GenerateOptions & FulfillmentOptions): SimOutput {
  const { seed, scale, scenario } = checkGenerateOptions(
    "fulfillment",
    FULFILLMENT_SCENARIOS,
    FULFILLMENT_OPTIONS,
    opts,
  );
  const { shipments: n, days } = resolveSizes(scale, { shipments: opts.shipments, days: opts.days });
  const root = new Rng(seed);
  const startMs = SIM_EPOCH_MS, snapshotMs = SIM_EPOCH_MS + days * DAY_MS;
  const cov = drawCovariates(root.fork(1), n);
  const orderAt = drawOrderTimes(root.fork(2), n, startMs, days);
  const congestionByDay = drawCongestion(root.fork(3), WAREHOUSES.length, days);
  const handling = root.fork(4), outcome = root.fork(5), delivery = root.fork(6), payment = root.fork(7);
  const customerIds = root.fork(8).shuffle(idColumn(n, 100_000));

  const disruptedCarrier = CARRIERS.findIndex((c) => c.name === DISRUPTION.carrier);
  const window = disruptionWindow(days);
  const id = new Int32Array(n), late = new Int32Array(n), disrupted = new Int32Array(n);
  const shipAt = new Float64Array(n), promisedAt = new Float64Array(n), deliveredAt = new Float64Array(n);
  const shipObserved = new Float64Array(n), deliveredObserved = new Float64Array(n);
  const pLate = new Float64Array(n), logit = new Float64Array(n), pNoDisruption = new Float64Array(n);
  const congestion = new Float64Array(n), status = new Int32Array(n), paymentStatus = new Int32Array(n);
  const tracking: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    id[i] = i + 1;
    const day = Math.floor((orderAt[i]! - startMs) / DAY_MS);
    congestion[i] = congestionByDay[cov.warehouse[i]! * days + day]!;
    shipAt[i] = orderAt[i]! + drawHandlingMs(handling);
    promisedAt[i] = orderAt[i]! + PROMISE_DAYS[cov.mode[i]!]! * DAY_MS;
    const isDisrupted = scenario === "carrier_disruption" && cov.carrier[i] === disruptedCarrier &&
      shipAt[i]! >= window.startMs && shipAt[i]! < window.endMs;
    disrupted[i] = isDisrupted ? 1 : 0;
    const base = baseLogit({
      warehouse: cov.warehouse[i]!,
      mode: cov.mode[i]!,
      carrier: cov.carrier[i]!,
      importance: cov.importance[i]!,
      discount: cov.discount[i]!,
      weightG: cov.weightG[i]!,
      priorPurchases: cov.priorPurchases[i]!,
      cost: cov.cost[i]!,
      congestion: congestion[i]!,
      disrupted: false,
    });
    logit[i] = base + (isDisrupted ? EFFECTS.disruption : 0);
    pLate[i] = sigmoid(logit[i]!);
    pNoDisruption[i] = sigmoid(base);
    const isLate = outcome.float() < pLate[i]!;
    late[i] = isLate ? 1 : 0;
    deliveredAt[i] = deliveryMs(isLate, delivery.float(), shipAt[i]!, promisedAt[i]!);
    shipObserved[i] = shipAt[i]! <= snapshotMs ? shipAt[i]! : NaN;
    deliveredObserved[i] = deliveredAt[i]! <= snapshotMs ? deliveredAt[i]! : NaN;
    status[i] = statusAt(snapshotMs, shipAt[i]!, promisedAt[i]!, deliveredAt[i]!);
    const u = payment.float();
    const st = ORDER_STATUS[status[i]!];
    paymentStatus[i] = st === "processing"
      ? (u < REFUND.pendingIfProcessing ? 1 : 0)
      : st === "shipped"
      ? (u < REFUND.pendingIfInTransit ? 1 : 0)
      : (u < (isLate ? REFUND.late : REFUND.onTime) ? 2 : 0);
    tracking[i] = `${CARRIERS[cov.carrier[i]!]!.code}${String(i + 1).padStart(9, "0")}`;
  }

  const carrierNames = CARRIERS.map((c) => c.name);
  const kaggle = makeFrame({
    "ID": id,
    "Warehouse_block": codesColumn(cov.warehouse, WAREHOUSES),
    "Mode_of_Shipment": codesColumn(cov.mode, MODES),
    "Customer_care_calls": cov.calls,
    "Customer_rating": cov.rating,
    "Cost_of_the_Product": cov.cost,
    "Prior_purchases": cov.priorPurchases,
    "Product_importance": codesColumn(cov.importance, IMPORTANCE),
    "Gender": codesColumn(cov.gender, GENDERS),
    "Discount_offered": cov.discount,
    "Weight_in_gms": cov.weightG,
    "Reached.on.Time_Y.N": late,
  });
  const orders = makeFrame({
    order_id: id.slice(),
    customer_id: customerIds,
    order_date: orderAt,
    promised_delivery_date: promisedAt,
    ship_date: shipObserved,
    delivery_date: deliveredObserved,
    warehouse_block: codesColumn(cov.warehouse.slice(), WAREHOUSES),
    mode_of_shipment: codesColumn(cov.mode.slice(), MODES),
    carrier_name: codesColumn(cov.carrier, carrierNames),
    tracking_id: codesColumn(idColumn(n), tracking),
    customer_care_calls: cov.calls.slice(),
    customer_rating: cov.rating.slice(),
    prior_purchases: cov.priorPurchases.slice(),
    gender: codesColumn(cov.gender.slice(), GENDERS),
    product_importance: codesColumn(cov.importance.slice(), IMPORTANCE),
    cost_of_product: cov.cost.slice(),
    discount_offered: cov.discount.slice(),
    weight_in_gms: cov.weightG.slice(),
    payment_status: codesColumn(paymentStatus, PAYMENT_STATUS),
    order_status: codesColumn(status, ORDER_STATUS),
  });
  const nBlocks = WAREHOUSES.length;
  const congestionTruth = makeFrame({
    day_start: Float64Array.from({ length: nBlocks * days }, (_, k) => startMs + (k % days) * DAY_MS),
    warehouse_block: codesColumn(
      Int32Array.from({ length: nBlocks * days }, (_, k) => Math.floor(k / days)),
      WAREHOUSES,
    ),
    congestion: congestionByDay,
  });
  let nLate = 0, nDisrupted = 0;
  for (let i = 0; i < n; i++) {
    nLate += late[i]!;
    nDisrupted += disrupted[i]!;
  }
  return {
    tables: { shipments: kaggle, orders },
    truth: {
      delay: makeFrame({
        ID: id.slice(),
        p_late: pLate,
        logit_late: logit,
        congestion,
        disrupted,
        p_late_no_disruption: pNoDisruption,
      }),
      congestion: congestionTruth,
    },
    meta: {
      simulator: "fulfillment",
      scenario,
      seed,
      scale,
      sizes: { shipments: n, days, late: nLate, disrupted: nDisrupted },
      startMs,
      endMs: snapshotMs,
      timestampColumns: { orders: ["order_date", "promised_delivery_date", "ship_date", "delivery_date"] },
      notes: [
        "Reached.on.Time_Y.N = 1 means late (delivered after promised_delivery_date), the Kaggle coding",
        "ID = order_id; rows are in order-time order; orders is a snapshot at meta.endMs (NULL ship/delivery dates are still pending)",
        "the label of a shipment becomes known at delivery_date when on time, at promised_delivery_date when late",
        "payment_status is downstream of lateness (refunds): never a model feature",
        scenario === "carrier_disruption"
          ? `${DISRUPTION.carrier} hand-overs in [day ${
            Math.floor(DISRUPTION.startFraction * days)
          }, +${DISRUPTION.days} d) get +${EFFECTS.disruption} log-odds`
          : "no carrier disruption",
      ],
    },
  };
}

/** The fulfillment simulator. */
export const fulfillmentSimulator: Simulator<FulfillmentOptions> = {
  name: "fulfillment",
  scenarios: FULFILLMENT_SCENARIOS,
  options: FULFILLMENT_OPTIONS,
  graph: FULFILLMENT_GRAPH,
  generate,
};
