/**
 * The feed simulator's causal graph, declared as data (numbers from `params.ts`).
 * @module
 */
import type { CausalGraph } from "../common/mod.ts";
import { CLICK_MODEL, COLD_START, PERSONALISED_SHARE } from "./params.ts";

/** Causes and outcomes of the feed world. */
export const FEED_GRAPH: CausalGraph = {
  nodes: [
    { id: "user_factors", label: "User latent factors u", kind: "cause" },
    { id: "topic_preference", label: "User topic preferences", kind: "confounder" },
    { id: "item_factors", label: "Item latent factors v", kind: "cause" },
    { id: "creator", label: "Creator", kind: "cause" },
    { id: "topic", label: "Item topic", kind: "cause" },
    { id: "item_age", label: "Item age at impression", kind: "cause" },
    { id: "quality", label: "Item quality", kind: "cause" },
    { id: "position", label: "Position in session", kind: "cause" },
    { id: "serving_policy", label: "Serving policy", kind: "mediator" },
    { id: "cold_start_burst", label: "Cold-start burst (scenario)", kind: "context" },
    { id: "affinity", label: "True affinity", kind: "mediator" },
    { id: "click", label: "Click", kind: "outcome" },
    { id: "dwell", label: "Dwell time", kind: "outcome" },
  ],
  edges: [
    { from: "creator", to: "item_factors", effect: "v = 0.6·creator + 0.5·topic + noise" },
    { from: "topic", to: "item_factors", effect: "v = 0.6·creator + 0.5·topic + noise" },
    { from: "user_factors", to: "affinity", effect: "+ u·v", size: 1 },
    { from: "item_factors", to: "affinity", effect: "+ u·v", size: 1 },
    {
      from: "topic_preference",
      to: "affinity",
      effect: `+${CLICK_MODEL.topic}·clamp(ln(T·pref), ±3)`,
      size: CLICK_MODEL.topic,
    },
    {
      from: "topic_preference",
      to: "serving_policy",
      effect: `${PERSONALISED_SHARE * 100}% of impressions pick a preferred topic`,
      size: PERSONALISED_SHARE,
    },
    {
      from: "cold_start_burst",
      to: "serving_policy",
      effect: `${COLD_START.exposure * 100}% of late impressions show new items`,
      size: COLD_START.exposure,
    },
    { from: "serving_policy", to: "item_age", effect: "60% recent items (age ~ Exp(2 d))" },
    { from: "affinity", to: "click", effect: "+1 × affinity log-odds", size: 1 },
    {
      from: "item_age",
      to: "click",
      effect: `+${CLICK_MODEL.freshness}·exp(−age/${CLICK_MODEL.decayHours} h) log-odds`,
      size: CLICK_MODEL.freshness,
    },
    {
      from: "quality",
      to: "click",
      effect: `+${CLICK_MODEL.quality}·quality log-odds`,
      size: CLICK_MODEL.quality,
    },
    {
      from: "position",
      to: "click",
      effect: `−${CLICK_MODEL.position}·position log-odds`,
      size: -CLICK_MODEL.position,
    },
    {
      from: "affinity",
      to: "dwell",
      effect: `ln dwell += ${CLICK_MODEL.dwellAffinity}·affinity`,
      size: CLICK_MODEL.dwellAffinity,
    },
    { from: "click", to: "dwell", effect: "dwell only when clicked" },
  ],
};
