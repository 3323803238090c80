/**
 * Scripted scenarios for the agents: deviations handled in order against a fresh store, each with the
 * final state the policies require. The expected rows were worked out by hand from the clauses of
 * `knowledge/*.md` (the arithmetic is written beside each amount), not copied from a run.
 * @module
 */
import { severityOf } from "../severity.ts";
import type { Scenario } from "./evaluate.ts";
import type { Deviation, DeviationFacts, DeviationSeverity } from "./types.ts";

const BASE: DeviationFacts = {
  mode: "Road",
  warehouseBlock: "B",
  productImportance: "medium",
  orderStatus: "processing",
  paymentStatus: "paid",
  cashOnDelivery: false,
  customerTier: "silver",
  costUsd: 200,
  discountPct: 10,
  weightGrams: 3000,
  customerCareCalls: 2,
  customerRating: 4,
};

/** A deviation with the base facts overridden; severity from the thresholds. */
export function scenarioDeviation(
  id: string,
  orderId: string,
  detectedAt: string,
  probability: number,
  facts: Partial<DeviationFacts> = {},
): Deviation {
  return {
    id,
    orderId,
    detectedAt,
    probability,
    severity: severityOf(probability) as DeviationSeverity,
    facts: { ...BASE, ...facts },
  };
}

const d = scenarioDeviation;
const CHECK = "shipment.check_carrier_status withinHours=4";
const NOTICE_WARNING =
  "customer.notify_customer channels=email codParagraph=false template=delay_notice withinHours=24";
const NOTICE_CREDIT =
  "customer.notify_customer channels=email codParagraph=false template=delay_notice_credit withinHours=2";
const ticket = (id: string, p: string, q: string, criteria: string) =>
  `${id} escalation.create_ticket criteria=${criteria} priority=${p} queue=${q} ticketId=TKT-${id}`;
const NONE = { tickets: [], incidents: [], compensations: [] } as const;

/** The scenarios (14). */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: "info-watch",
    description: "info deviation: watch list only (SHIP-2.1); no customer contact (CUST-2.3), no ticket",
    deviations: [d("s1-d1", "O-101", "2026-11-02T08:00:00Z", 0.35)],
    expected: { ...NONE, actions: ["s1-d1 shipment.monitor_shipment recheck=next_scan"] },
  },
  {
    name: "warning-notice",
    description: "warning on a shipped order: carrier status check in 4 h, email notice in 24 h",
    deviations: [
      d("s2-d1", "O-201", "2026-11-02T08:00:00Z", 0.6, { orderStatus: "shipped", customerTier: "standard" }),
    ],
    expected: { ...NONE, actions: [`s2-d1 ${CHECK}`, `s2-d1 ${NOTICE_WARNING}`] },
  },
  {
    name: "critical-air-upgrade",
    description: "critical road order under 5 kg: upgrade to Flight, 10 % silver credit, P2 ticket",
    deviations: [d("s3-d1", "O-301", "2026-11-03T09:00:00Z", 0.82)],
    expected: {
      // paid 200 × 0.9 = 180.00; silver 10 % = 18.00 (within 2.00–40.00), auto-approved (≤ 25.00)
      actions: [
        "s3-d1 shipment.upgrade_mode from=Road to=Flight",
        `s3-d1 ${NOTICE_CREDIT}`,
        "s3-d1 customer.offer_compensation amountCents=1800 tier=silver",
        "s3-d1 payment.issue_store_credit amountCents=1800 deferred=false status=approved",
        ticket("s3-d1", "P2", "fulfillment_ops", "ESC-2.1"),
      ],
      tickets: ["TKT-s3-d1 P2 fulfillment_ops ESC-2.1 incident=none"],
      incidents: [],
      compensations: ["s3-d1 O-301 1800 store_credit approved"],
    },
  },
  {
    name: "heavy-gold-high-importance",
    description:
      "6.2 kg sea parcel, gold, high importance: expedited ground, 45.00 credit awaiting approval, P1",
    deviations: [d("s4-d1", "O-401", "2026-11-03T09:00:00Z", 0.91, {
      mode: "Ship",
      weightGrams: 6200,
      productImportance: "high",
      customerTier: "gold",
      costUsd: 300,
      discountPct: 0,
    })],
    expected: {
      // paid 300.00; gold 15 % = 45.00 (cap 60.00) > 25.00 → awaiting approval (ESC-2.5, P3);
      // ticket: ESC-2.1 P2, ESC-2.2 P1, ESC-2.5 P3 → P1 in the queue of ESC-2.2
      actions: [
        "s4-d1 shipment.expedite_ground from=Ship service=priority_linehaul",
        "s4-d1 customer.notify_customer channels=email+sms codParagraph=false template=delay_notice_credit withinHours=2",
        "s4-d1 customer.offer_compensation amountCents=4500 tier=gold",
        "s4-d1 payment.issue_store_credit amountCents=4500 deferred=false status=awaiting_approval",
        ticket("s4-d1", "P1", "fulfillment_ops", "ESC-2.1,ESC-2.2,ESC-2.5"),
      ],
      tickets: ["TKT-s4-d1 P1 fulfillment_ops ESC-2.1,ESC-2.2,ESC-2.5 incident=none"],
      incidents: [],
      compensations: ["s4-d1 O-401 4500 store_credit awaiting_approval"],
    },
  },
  {
    name: "cod-in-transit",
    description: "critical COD order already shipped: carrier priority, reconfirm COD, credit deferred",
    deviations: [d("s5-d1", "O-501", "2026-11-04T12:00:00Z", 0.77, {
      orderStatus: "shipped",
      cashOnDelivery: true,
      paymentStatus: "pending",
      costUsd: 250,
      discountPct: 20,
      customerTier: "standard",
      productImportance: "low",
      weightGrams: 2500,
    })],
    expected: {
      // paid 250 × 0.8 = 200.00; standard 5 % = 10.00; COD: no capture hold (PAY-1.1), no prepayment
      // offer once shipped (PAY-2.2), credit deferred (PAY-2.3)
      actions: [
        "s5-d1 shipment.carrier_priority_request ackWithinHours=2",
        "s5-d1 customer.notify_customer channels=email codParagraph=true template=delay_notice_credit withinHours=2",
        "s5-d1 customer.offer_compensation amountCents=1000 tier=standard",
        "s5-d1 payment.cod_reconfirmation",
        "s5-d1 payment.issue_store_credit amountCents=1000 deferred=true status=approved",
        ticket("s5-d1", "P2", "fulfillment_ops", "ESC-2.1"),
      ],
      tickets: ["TKT-s5-d1 P2 fulfillment_ops ESC-2.1 incident=none"],
      incidents: [],
      compensations: ["s5-d1 O-501 1000 deferred_store_credit approved"],
    },
  },
  {
    name: "cod-prepayment",
    description:
      "critical COD order on Flight, 285.00 due: priority request, prepayment offer, credit for sign-off",
    deviations: [d("s6-d1", "O-601", "2026-11-04T12:00:00Z", 0.74, {
      mode: "Flight",
      cashOnDelivery: true,
      paymentStatus: "pending",
      costUsd: 300,
      discountPct: 5,
      weightGrams: 1200,
    })],
    expected: {
      // due 300 × 0.95 = 285.00 ≥ 200.00 → prepayment offer; silver 10 % = 28.50 > 25.00 → approval
      actions: [
        "s6-d1 shipment.carrier_priority_request ackWithinHours=2",
        "s6-d1 customer.notify_customer channels=email codParagraph=true template=delay_notice_credit withinHours=2",
        "s6-d1 customer.offer_compensation amountCents=2850 tier=silver",
        "s6-d1 payment.cod_reconfirmation",
        "s6-d1 payment.request_prepayment amountDueCents=28500",
        "s6-d1 payment.issue_store_credit amountCents=2850 deferred=true status=awaiting_approval",
        ticket("s6-d1", "P2", "fulfillment_ops", "ESC-2.1,ESC-2.5"),
      ],
      tickets: ["TKT-s6-d1 P2 fulfillment_ops ESC-2.1,ESC-2.5 incident=none"],
      incidents: [],
      compensations: ["s6-d1 O-601 2850 deferred_store_credit awaiting_approval"],
    },
  },
  {
    name: "refunded-still-shipping",
    description: "warning on a refunded order still processing: fulfillment hold, P2 to payments",
    deviations: [d("s7-d1", "O-701", "2026-11-05T07:30:00Z", 0.55, {
      paymentStatus: "refunded",
      customerTier: "standard",
    })],
    expected: {
      actions: [
        `s7-d1 ${CHECK}`,
        `s7-d1 ${NOTICE_WARNING}`,
        "s7-d1 payment.hold_fulfillment",
        ticket("s7-d1", "P2", "payments", "ESC-2.6"),
      ],
      tickets: ["TKT-s7-d1 P2 payments ESC-2.6 incident=none"],
      incidents: [],
      compensations: [],
    },
  },
  {
    name: "repeat-order",
    description: "four deviations of one order: P2 on the second, P1 from the third, one credit only",
    deviations: [
      d("s8-d1", "O-801", "2026-11-01T10:00:00Z", 0.6),
      d("s8-d2", "O-801", "2026-11-04T10:00:00Z", 0.58),
      d("s8-d3", "O-801", "2026-11-10T10:00:00Z", 0.84),
      d("s8-d4", "O-801", "2026-11-12T10:00:00Z", 0.88),
    ],
    expected: {
      actions: [
        `s8-d1 ${CHECK}`,
        "s8-d1 customer.notify_customer channels=email codParagraph=false template=delay_notice withinHours=24",
        `s8-d2 ${CHECK}`,
        "s8-d2 customer.notify_customer channels=email codParagraph=false template=delay_notice withinHours=24",
        ticket("s8-d2", "P2", "customer_care_lead", "ESC-2.3"),
        "s8-d3 shipment.upgrade_mode from=Road to=Flight",
        `s8-d3 ${NOTICE_CREDIT}`,
        "s8-d3 customer.offer_compensation amountCents=1800 tier=silver",
        "s8-d3 payment.issue_store_credit amountCents=1800 deferred=false status=approved",
        ticket("s8-d3", "P1", "customer_care_lead", "ESC-2.1,ESC-2.3"),
        "s8-d4 shipment.upgrade_mode from=Road to=Flight",
        "s8-d4 customer.notify_customer channels=email codParagraph=false template=delay_notice withinHours=2",
        "s8-d4 customer.decline_compensation reason=already_compensated",
        ticket("s8-d4", "P1", "customer_care_lead", "ESC-2.1,ESC-2.3"),
      ],
      tickets: [
        "TKT-s8-d2 P2 customer_care_lead ESC-2.3 incident=none",
        "TKT-s8-d3 P1 customer_care_lead ESC-2.1,ESC-2.3 incident=none",
        "TKT-s8-d4 P1 customer_care_lead ESC-2.1,ESC-2.3 incident=none",
      ],
      incidents: [],
      compensations: ["s8-d3 O-801 1800 store_credit approved"],
    },
  },
  {
    name: "repeat-window",
    description: "an earlier deviation 31 days back does not count; an upstream count of 2 gives P1",
    deviations: [
      d("s9-d1", "O-901", "2026-10-01T09:00:00Z", 0.6),
      d("s9-d2", "O-901", "2026-11-01T09:00:01Z", 0.62),
      d("s9-d3", "O-902", "2026-11-01T10:00:00Z", 0.61, { priorDeviations30d: 2, warehouseBlock: "D" }),
    ],
    expected: {
      actions: [
        `s9-d1 ${CHECK}`,
        "s9-d1 customer.notify_customer channels=email codParagraph=false template=delay_notice withinHours=24",
        `s9-d2 ${CHECK}`,
        "s9-d2 customer.notify_customer channels=email codParagraph=false template=delay_notice withinHours=24",
        `s9-d3 ${CHECK}`,
        "s9-d3 customer.notify_customer channels=email codParagraph=false template=delay_notice withinHours=24",
        ticket("s9-d3", "P1", "customer_care_lead", "ESC-2.3"),
      ],
      tickets: ["TKT-s9-d3 P1 customer_care_lead ESC-2.3 incident=none"],
      incidents: [],
      compensations: [],
    },
  },
  {
    name: "segment-cluster",
    description: "5th warning of a segment in 24 h opens one P1 incident; the 6th attaches; info does not; " +
      "after 24 h the incident is closed",
    deviations: [
      ...[0, 2, 4, 6, 8, 10].map((h, i) =>
        d(`s10-d${i + 1}`, `O-100${i + 1}`, `2026-11-05T${String(h).padStart(2, "0")}:00:00Z`, 0.6, {
          warehouseBlock: "C",
          mode: "Ship",
          customerTier: "standard",
        })
      ),
      d("s10-d7", "O-1007", "2026-11-05T11:00:00Z", 0.4, { warehouseBlock: "C", mode: "Ship" }),
      d("s10-d8", "O-1008", "2026-11-06T11:00:00Z", 0.6, {
        warehouseBlock: "C",
        mode: "Ship",
        customerTier: "standard",
      }),
    ],
    expected: {
      actions: [
        ...[1, 2, 3, 4, 5].flatMap((i) => [`s10-d${i} ${CHECK}`, `s10-d${i} ${NOTICE_WARNING}`]),
        "s10-d5 escalation.open_segment_incident incidentId=INC-s10-d5 segment=C|Ship|medium",
        ticket("s10-d5", "P1", "carrier_management", "ESC-2.4"),
        `s10-d6 ${CHECK}`,
        `s10-d6 ${NOTICE_WARNING}`,
        "s10-d6 escalation.attach_to_incident incidentId=INC-s10-d5",
        "s10-d7 shipment.monitor_shipment recheck=next_scan",
        `s10-d8 ${CHECK}`,
        `s10-d8 ${NOTICE_WARNING}`,
      ],
      tickets: ["TKT-s10-d5 P1 carrier_management ESC-2.4 incident=INC-s10-d5"],
      incidents: ["INC-s10-d5 C|Ship|medium by=s10-d5"],
      compensations: [],
    },
  },
  {
    name: "delivered",
    description:
      "delivered orders: nothing to ship or notify; a critical one still gets a ticket (P2 tie → ESC-2.1's queue)",
    deviations: [
      d("s11-d1", "O-1101", "2026-11-07T08:00:00Z", 0.45, { orderStatus: "delivered" }),
      d("s11-d2", "O-1101", "2026-11-07T09:00:00Z", 0.8, { orderStatus: "delivered" }),
    ],
    expected: {
      actions: [ticket("s11-d2", "P2", "fulfillment_ops", "ESC-2.1,ESC-2.3")],
      tickets: ["TKT-s11-d2 P2 fulfillment_ops ESC-2.1,ESC-2.3 incident=none"],
      incidents: [],
      compensations: [],
    },
  },
  {
    name: "unknown-tier-heavy-discount",
    description: "no CRM tier (standard), 60 % discount: half rate, raised to the 2.00 minimum",
    deviations: [d("s12-d1", "O-1201", "2026-11-08T08:00:00Z", 0.79, {
      customerTier: undefined,
      productImportance: "high",
      weightGrams: 2000,
      costUsd: 150,
      discountPct: 60,
    })],
    expected: {
      // paid 150 × 0.4 = 60.00; standard 5 % halved = 2.5 % → 1.50 → minimum 2.00
      actions: [
        "s12-d1 shipment.upgrade_mode from=Road to=Flight",
        `s12-d1 ${NOTICE_CREDIT}`,
        "s12-d1 customer.offer_compensation amountCents=200 tier=standard",
        "s12-d1 payment.issue_store_credit amountCents=200 deferred=false status=approved",
        ticket("s12-d1", "P1", "fulfillment_ops", "ESC-2.1,ESC-2.2"),
      ],
      tickets: ["TKT-s12-d1 P1 fulfillment_ops ESC-2.1,ESC-2.2 incident=none"],
      incidents: [],
      compensations: ["s12-d1 O-1201 200 store_credit approved"],
    },
  },
  {
    name: "low-importance-congested-block",
    description:
      "critical low-importance order in congested block F: no air upgrade, transfer to C, capture held",
    deviations: [d("s13-d1", "O-1301", "2026-11-09T08:00:00Z", 0.93, {
      warehouseBlock: "F",
      productImportance: "low",
      customerTier: "standard",
      weightGrams: 1500,
      segmentRisk30d: 0.62,
      paymentStatus: "pending",
      costUsd: 100,
      discountPct: 0,
    })],
    expected: {
      // paid 100.00; standard 5 % = 5.00
      actions: [
        "s13-d1 shipment.carrier_priority_request ackWithinHours=2",
        "s13-d1 shipment.transfer_warehouse from=F to=C",
        `s13-d1 ${NOTICE_CREDIT}`,
        "s13-d1 customer.offer_compensation amountCents=500 tier=standard",
        "s13-d1 payment.hold_payment_capture until=dispatch",
        "s13-d1 payment.issue_store_credit amountCents=500 deferred=false status=approved",
        ticket("s13-d1", "P2", "fulfillment_ops", "ESC-2.1"),
      ],
      tickets: ["TKT-s13-d1 P2 fulfillment_ops ESC-2.1 incident=none"],
      incidents: [],
      compensations: ["s13-d1 O-1301 500 store_credit approved"],
    },
  },
  {
    name: "callback-and-duplicate",
    description: "unhappy gold customer: SMS and callback; the same event delivered twice changes nothing; " +
      "info deviations get no callback",
    deviations: [
      d("s14-d1", "O-1401", "2026-11-10T08:00:00Z", 0.66, {
        orderStatus: "shipped",
        customerTier: "gold",
        customerCareCalls: 5,
        customerRating: 1,
      }),
      d("s14-d1", "O-1401", "2026-11-10T08:00:00Z", 0.66, {
        orderStatus: "shipped",
        customerTier: "gold",
        customerCareCalls: 5,
        customerRating: 1,
      }),
      d("s14-d2", "O-1402", "2026-11-10T09:00:00Z", 0.32, { customerCareCalls: 6 }),
    ],
    expected: {
      actions: [
        `s14-d1 ${CHECK}`,
        "s14-d1 customer.notify_customer channels=email+sms codParagraph=false template=delay_notice withinHours=24",
        "s14-d1 customer.schedule_callback",
        "s14-d2 shipment.monitor_shipment recheck=next_scan",
      ],
      tickets: [],
      incidents: [],
      compensations: [],
    },
  },
];
