/**
 * The offers simulator's causal graph, declared as data (see `params.ts` for the numbers).
 * @module
 */
import type { CausalGraph } from "../common/mod.ts";
import {
  BLACK_FRIDAY,
  CHRISTMAS_CLOSED_MULTIPLIER,
  CHRISTMAS_MULTIPLIER,
  PAYDAY_MULTIPLIER,
  SUMMER_MULTIPLIER,
} from "./calendar.ts";
import {
  CHANNEL_UPLIFT,
  LOYAL_PICK_SHARE,
  PROMO_SHARE_PER_SENSITIVITY,
  REDEMPTION,
  TARGETED_SHARE,
} from "./params.ts";

/** Causes, treatment and outcomes of the offers world. */
export const OFFERS_GRAPH: CausalGraph = {
  nodes: [
    { id: "segment", label: "Customer segment", kind: "confounder" },
    { id: "promo_sensitivity", label: "Latent promo sensitivity s", kind: "cause" },
    { id: "category_affinity", label: "Category affinity", kind: "confounder" },
    { id: "order_rate", label: "Shopping frequency", kind: "cause" },
    { id: "brand_loyalty", label: "Favourite product per category", kind: "cause" },
    { id: "calendar", label: "Weekday, payday, holidays", kind: "context" },
    { id: "black_friday", label: "Black week (scenario)", kind: "context" },
    { id: "targeting", label: "Legacy targeting policy", kind: "mediator" },
    { id: "offer_shown", label: "Offer shown (treatment)", kind: "treatment" },
    { id: "discount_depth", label: "Discount depth", kind: "cause" },
    { id: "channel", label: "Channel", kind: "cause" },
    { id: "orders", label: "Orders", kind: "outcome" },
    { id: "is_promo", label: "Line bought on promo", kind: "outcome" },
    { id: "redeemed", label: "Bought offer product within 7 d", kind: "outcome" },
  ],
  edges: [
    {
      from: "segment",
      to: "promo_sensitivity",
      effect: "Beta mean: budget .6, family .35, horeca .2, premium .1",
    },
    {
      from: "segment",
      to: "category_affinity",
      effect: "segment's 4 favourite categories ×4 prior weight",
      size: 4,
    },
    { from: "segment", to: "order_rate", effect: "6/10/7.5/8 orders per 180 d" },
    {
      from: "calendar",
      to: "orders",
      effect: `weekday ×0.65–1.6, payday ×${PAYDAY_MULTIPLIER}, summer ×${SUMMER_MULTIPLIER}, ` +
        `Christmas run-up ×${CHRISTMAS_MULTIPLIER}, Dec 24–26 ×${CHRISTMAS_CLOSED_MULTIPLIER}`,
    },
    { from: "black_friday", to: "orders", effect: `×${BLACK_FRIDAY.orders}`, size: BLACK_FRIDAY.orders },
    {
      from: "black_friday",
      to: "is_promo",
      effect: `promo share ×${BLACK_FRIDAY.promoShare}`,
      size: BLACK_FRIDAY.promoShare,
    },
    {
      from: "black_friday",
      to: "redeemed",
      effect: `uplift log-odds ×${BLACK_FRIDAY.uplift}`,
      size: BLACK_FRIDAY.uplift,
    },
    { from: "order_rate", to: "orders", effect: "Bernoulli(rate × calendar) per day" },
    {
      from: "promo_sensitivity",
      to: "is_promo",
      effect: `P(promo line) = ${PROMO_SHARE_PER_SENSITIVITY}·s`,
      size: PROMO_SHARE_PER_SENSITIVITY,
    },
    {
      from: "category_affinity",
      to: "targeting",
      effect: `${TARGETED_SHARE * 100}% of assignments weighted by affinity`,
      size: TARGETED_SHARE,
    },
    { from: "targeting", to: "offer_shown", effect: "which offer is assigned" },
    {
      from: "category_affinity",
      to: "redeemed",
      effect: `+${REDEMPTION.affinity}·ln(20·affinity) log-odds`,
      size: REDEMPTION.affinity,
    },
    {
      from: "brand_loyalty",
      to: "orders",
      effect: `an item pick is the favourite of its category w.p. ${LOYAL_PICK_SHARE}, else by popularity`,
      size: LOYAL_PICK_SHARE,
    },
    {
      from: "brand_loyalty",
      to: "redeemed",
      effect: `+${REDEMPTION.loyal} log-odds when the offer's product is the customer's favourite`,
      size: REDEMPTION.loyal,
    },
    {
      from: "order_rate",
      to: "redeemed",
      effect: `+${REDEMPTION.frequency}·ln(rate/mean) log-odds`,
      size: REDEMPTION.frequency,
    },
    {
      from: "offer_shown",
      to: "redeemed",
      effect: `uplift +${REDEMPTION.uplift}·s·depth log-odds`,
      size: REDEMPTION.uplift,
    },
    { from: "promo_sensitivity", to: "redeemed", effect: "modifies the uplift (×s)" },
    { from: "discount_depth", to: "redeemed", effect: "modifies the uplift (×depth)" },
    {
      from: "channel",
      to: "redeemed",
      effect: `+${CHANNEL_UPLIFT.join("/")} log-odds (email/app/in-store) when shown`,
    },
    { from: "redeemed", to: "orders", effect: "a conversion adds a basket with the offer line" },
  ],
};
