/**
 * The fulfillment domain (spec 002): silver and gold feature SQL for shipment delay risk
 * (point-in-time correct, with 30-day rolling segment risk), the KPI engine over stored predictions, and
 * the deviation severity rule.
 * @module
 */
export {
  buildFulfillmentGold,
  buildFulfillmentSilver,
  buildGold,
  FULFILLMENT_BRONZE_TABLES,
  FULFILLMENT_CATEGORICAL_FEATURES,
  FULFILLMENT_GOLD_SQL,
  FULFILLMENT_KEYS,
  FULFILLMENT_NUMERIC_FEATURES,
  FULFILLMENT_SILVER_SQL,
  type GoldResult,
  RISK_SEGMENTS,
  RISK_WINDOW_DAYS,
  VOLUME_WINDOW_DAYS,
} from "./features.ts";
export { buildFulfillmentKpis, KPI_SEGMENTS, type KpiOptions, type KpiResult } from "./kpis.ts";
export { SEVERITIES, type Severity, SEVERITY_THRESHOLDS, severityOf, severitySql } from "./severity.ts";
export { FULFILLMENT_FEATURE_DEFS, NETWORK_SOURCE, registerFulfillmentFeatures } from "./feature_defs.ts";
export {
  DEFAULT_KNOWLEDGE_DIR,
  indexText,
  KnowledgeBase,
  type KnowledgeHit,
  loadKnowledgeBase,
  parsePolicyDocument,
  type PolicyClause,
  type PolicyDocument,
} from "./knowledge.ts";
export {
  evaluateKnowledgeRetrieval,
  type KnowledgeQuery,
  loadKnowledgeQueries,
  type RetrievalEvaluation,
} from "./knowledge_queries.ts";
export * as agents from "./agents/mod.ts";
