/**
 * Test fixture: the simulator options of a smaller-than-tiny pricing city with an event every night, which
 * keeps the brute-force loops of the gold and leakage tests fast and the event features busy. Pass it to
 * the pricing simulator with a seed: `pricingSimulator.generate({ seed: 3, ...EVENT_NIGHT_CITY })`.
 * @module
 */

/** Scale, scenario and sizes of the small event-night city (no seed). */
export const EVENT_NIGHT_CITY = {
  scale: "tiny",
  scenario: "event_night",
  bays: 4,
  customers: 300,
  days: 36,
} as const;
