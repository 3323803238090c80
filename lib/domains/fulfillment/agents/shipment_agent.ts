/**
 * The shipment agent (policy `knowledge/shipment_delays.md`): watch list for info deviations, a carrier
 * status check for warnings, and for critical ones an air upgrade, expedited ground or a carrier
 * priority request depending on status, mode, weight, importance and tier, plus a transfer to the backup
 * block when the segment is congested.
 * @module
 */
import type { KnowledgeBase } from "../knowledge.ts";
import { action, makePlan } from "./plan.ts";
import {
  AIR_WEIGHT_LIMIT_GRAMS,
  BACKUP_BLOCK,
  CARRIER_ACK_HOURS,
  CARRIER_STATUS_CHECK_HOURS,
  WAREHOUSE_TRANSFER_RISK,
} from "./policy.ts";
import type { Action, AgentContext, AgentPlan, Deviation } from "./types.ts";

/** The shipment rules: the actions for one deviation (pure). */
export function shipmentActions(dev: Deviation): Action[] {
  const f = dev.facts;
  if (f.orderStatus === "delivered") return [];
  if (dev.severity === "info") {
    return [action("monitor_shipment", { recheck: "next_scan" }, ["SHIP-2.1"], ["severity"])];
  }
  if (dev.severity === "warning") {
    return [
      action("check_carrier_status", { withinHours: CARRIER_STATUS_CHECK_HOURS }, ["SHIP-2.2"], ["severity"]),
    ];
  }
  const priority = (clause: string, facts: string[]) =>
    action(
      "carrier_priority_request",
      { ackWithinHours: CARRIER_ACK_HOURS },
      [clause, "SHIP-5.1"],
      ["severity", ...facts],
    );
  if (f.orderStatus === "shipped" || f.orderStatus === "delayed") {
    return [priority("SHIP-3.5", ["orderStatus"])];
  }
  const out: Action[] = [];
  if (f.mode === "Flight") out.push(priority("SHIP-3.4", ["orderStatus", "mode"]));
  else if (f.weightGrams > AIR_WEIGHT_LIMIT_GRAMS) {
    out.push(
      action("expedite_ground", { from: f.mode, service: "priority_linehaul" }, ["SHIP-3.2"], [
        "severity",
        "orderStatus",
        "mode",
        "weightGrams",
      ]),
    );
  } else if (f.productImportance === "low" && f.customerTier !== "gold") {
    out.push(
      priority("SHIP-3.3", ["orderStatus", "mode", "weightGrams", "productImportance", "customerTier"]),
    );
  } else {
    out.push(
      action("upgrade_mode", { from: f.mode, to: "Flight" }, ["SHIP-3.1"], [
        "severity",
        "orderStatus",
        "mode",
        "weightGrams",
        "productImportance",
        "customerTier",
      ]),
    );
  }
  const backup = BACKUP_BLOCK[f.warehouseBlock];
  if (f.segmentRisk30d !== undefined && f.segmentRisk30d > WAREHOUSE_TRANSFER_RISK && backup !== undefined) {
    out.push(
      action("transfer_warehouse", { from: f.warehouseBlock, to: backup }, ["SHIP-4.1", "SHIP-4.2"], [
        "severity",
        "orderStatus",
        "segmentRisk30d",
        "warehouseBlock",
      ]),
    );
  }
  return out;
}

/** The operator-style query the agent retrieves with. */
export function shipmentQuery(dev: Deviation): string {
  const f = dev.facts;
  return `${dev.severity} delay ${f.mode} shipment ${f.orderStatus} warehouse block ${f.warehouseBlock} ` +
    `${f.weightGrams} g parcel ${f.productImportance} importance`;
}

/** The shipment agent's plan. */
export function shipmentAgent(dev: Deviation, ctx: AgentContext, kb: KnowledgeBase): AgentPlan {
  return makePlan("shipment", dev, ctx, kb, shipmentQuery(dev), shipmentActions(dev));
}
