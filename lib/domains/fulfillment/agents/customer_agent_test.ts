import assert from "node:assert/strict";
import fc from "fast-check";
import { amountPaidCents, goodwillCents } from "./customer_agent.ts";
import { GOODWILL_CAP_CENTS, GOODWILL_MIN_CENTS } from "./policy.ts";
import { CUSTOMER_TIERS } from "./types.ts";

Deno.test("goodwillCents by hand (CUST-3.2 – 3.4)", () => {
  // 200 × 0.9 = 180.00 paid; silver 10 % → 18.00
  assert.equal(goodwillCents({ costUsd: 200, discountPct: 10, customerTier: "silver" }), 1800);
  // 300 paid, gold 15 % = 45.00 (under the 60.00 cap)
  assert.equal(goodwillCents({ costUsd: 300, discountPct: 0, customerTier: "gold" }), 4500);
  // 500 paid, gold 15 % = 75.00 → cap 60.00
  assert.equal(goodwillCents({ costUsd: 500, discountPct: 0, customerTier: "gold" }), 6000);
  // 30 paid, standard 5 % = 1.50 → minimum 2.00
  assert.equal(goodwillCents({ costUsd: 30, discountPct: 0, customerTier: "standard" }), 200);
  // discount 60 %: 250 × 0.4 = 100.00 paid; silver 10 % halved = 5 % → 5.00
  assert.equal(goodwillCents({ costUsd: 250, discountPct: 60, customerTier: "silver" }), 500);
  // exactly 50 % is not "above 50 %": full silver rate on 100.00 → 10.00
  assert.equal(goodwillCents({ costUsd: 200, discountPct: 50, customerTier: "silver" }), 1000);
  // unknown tier = standard (CUST-1.2): 187.33 paid × 5 % = 9.3665 → 9.37
  assert.equal(goodwillCents({ costUsd: 187.33, discountPct: 0 }), 937);
  assert.equal(amountPaidCents({ costUsd: 99.99, discountPct: 33 }), 6699); // 9999 × 0.67 = 6699.33
});

Deno.test("goodwillCents stays within [minimum, tier cap] and grows with the amount paid", () => {
  fc.assert(fc.property(
    fc.constantFrom(...CUSTOMER_TIERS),
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 0, max: 100 }),
    (tier, a, b, discountPct) => {
      const lo = goodwillCents({ costUsd: Math.min(a, b) / 100, discountPct, customerTier: tier });
      const hi = goodwillCents({ costUsd: Math.max(a, b) / 100, discountPct, customerTier: tier });
      assert.ok(
        lo >= GOODWILL_MIN_CENTS && hi <= GOODWILL_CAP_CENTS[tier] && lo <= hi && Number.isInteger(lo),
      );
    },
  ));
});
