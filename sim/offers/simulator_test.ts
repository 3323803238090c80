import assert from "node:assert/strict";
import { type Frame, isStringColumn } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import { DAY_MS, validateGraph } from "../common/mod.ts";
import { BLACK_FRIDAY, OFFERS_GRAPH, OFFERS_START_MS, offersSimulator, SEGMENTS } from "./mod.ts";

const tiny = offersSimulator.generate({ seed: 11, scale: "tiny" });

function kind(f: Frame, name: string): string {
  const c = f.columns[name];
  if (c === undefined) return "missing";
  return isStringColumn(c) ? "string" : c instanceof Int32Array ? "int" : "double";
}

function num(f: Frame, name: string): Float64Array {
  const c = f.columns[name]!;
  if (isStringColumn(c)) throw new Error(`${name} is a string column`);
  return Float64Array.from(c);
}

Deno.test("offers: tables and columns match the declared schema", () => {
  const expected: Record<string, Record<string, string>> = {
    customers: {
      customer_id: "int",
      segment: "string",
      home_store_id: "int",
      join_date: "double",
      loyalty_tier: "string",
      email_consent: "int",
    },
    products: {
      product_id: "int",
      category: "string",
      subcategory: "string",
      brand: "string",
      base_price: "double",
      margin: "double",
      shelf_life_days: "int",
    },
    orders: {
      order_id: "int",
      customer_id: "int",
      store_id: "int",
      order_timestamp: "double",
      total_amount: "double",
      num_items: "int",
    },
    order_items: {
      order_item_id: "int",
      order_id: "int",
      product_id: "int",
      quantity: "int",
      unit_price: "double",
      is_promo: "int",
      discount_amount: "double",
    },
    offers: {
      offer_id: "int",
      product_id: "int",
      discount_type: "string",
      discount_value: "double",
      start_date: "double",
      end_date: "double",
      store_scope: "string",
      segment_scope: "string",
      max_redemptions: "int",
    },
    impressions: {
      impression_id: "int",
      customer_id: "int",
      offer_id: "int",
      shown_timestamp: "double",
      channel: "string",
      treatment: "int",
    },
    redemptions: {
      redemption_id: "int",
      customer_id: "int",
      offer_id: "int",
      order_id: "int",
      redeemed_timestamp: "double",
    },
  };
  assert.deepEqual(Object.keys(tiny.tables).sort(), Object.keys(expected).sort());
  for (const [table, cols] of Object.entries(expected)) {
    const f = tiny.tables[table]!;
    assert.deepEqual([...f.names], Object.keys(cols), table);
    for (const [c, k] of Object.entries(cols)) assert.equal(kind(f, c), k, `${table}.${c}`);
  }
  assert.deepEqual(Object.keys(tiny.truth).sort(), ["calendar", "category_affinity", "customers", "uplift"]);
  assert.equal(tiny.tables.customers!.nRows, 600);
  assert.equal(tiny.tables.products!.nRows, 400);
  assert.equal(tiny.tables.offers!.nRows, 30);
  assert.equal(tiny.meta.sizes.order_items, tiny.tables.order_items!.nRows);
  validateGraph(OFFERS_GRAPH);
});

Deno.test("offers: same seed gives identical tables, another seed does not", () => {
  const again = offersSimulator.generate({ seed: 11, scale: "tiny" });
  for (const group of ["tables", "truth"] as const) {
    for (const [name, f] of Object.entries(tiny[group])) {
      const g = again[group][name]!;
      for (const c of f.names) assert.deepEqual(g.columns[c], f.columns[c], `${group}.${name}.${c}`);
    }
  }
  const other = offersSimulator.generate({ seed: 12, scale: "tiny" });
  assert.notDeepEqual(
    other.tables.order_items!.columns.product_id,
    tiny.tables.order_items!.columns.product_id,
  );
});

Deno.test("offers: bad input is rejected with InputError naming the field", () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ seed: 1, scale: "huge" }, /scale/],
    [{ seed: 1, scale: "tiny", scenario: "cyber_monday" }, /scenario/],
    [{ seed: -1, scale: "tiny" }, /seed/],
    [{ seed: 1, scale: "tiny", customers: -5 }, /customers/],
    [{ seed: 1, scale: "tiny", offers: 0 }, /offers/],
    [{ seed: 1, scale: "tiny", products: 2.5 }, /products/],
    [{ seed: 1, scale: "tiny", days: 10 }, /days/],
  ];
  for (const [opts, field] of bad) {
    assert.throws(
      () => offersSimulator.generate(opts as never),
      (e: unknown) => e instanceof InputError && field.test(e.message),
      JSON.stringify(opts),
    );
  }
});

Deno.test("offers: redemptions come only from shown offers, inside the window, with the discounted offer line", () => {
  const imp = tiny.tables.impressions!, red = tiny.tables.redemptions!, items = tiny.tables.order_items!;
  const offers = tiny.tables.offers!;
  assert.ok(red.nRows > 0);
  const shown = new Map<string, number[]>();
  const ic = num(imp, "customer_id"),
    io = num(imp, "offer_id"),
    its = num(imp, "shown_timestamp"),
    it = num(imp, "treatment");
  for (let i = 0; i < imp.nRows; i++) {
    if (it[i] !== 1) continue;
    const key = `${ic[i]}:${io[i]}`;
    shown.set(key, [...(shown.get(key) ?? []), its[i]!]);
  }
  const firstLine = new Map<number, number>();
  const itemOrder = num(items, "order_id");
  for (let i = items.nRows - 1; i >= 0; i--) firstLine.set(itemOrder[i]!, i);
  const rc = num(red, "customer_id"),
    ro = num(red, "offer_id"),
    rts = num(red, "redeemed_timestamp"),
    rord = num(red, "order_id");
  const offerProduct = num(offers, "product_id");
  const lineProduct = num(items, "product_id"),
    lineDiscount = num(items, "discount_amount"),
    linePromo = num(items, "is_promo");
  for (let r = 0; r < red.nRows; r++) {
    const times = shown.get(`${rc[r]}:${ro[r]}`);
    assert.ok(times, `redemption ${r} has no shown impression`);
    assert.ok(
      times.some((t) => rts[r]! >= t && rts[r]! < t + 7 * DAY_MS),
      `redemption ${r} outside the 7-day window`,
    );
    const line = firstLine.get(rord[r]!)!;
    assert.equal(lineProduct[line], offerProduct[ro[r]!]);
    assert.ok(lineDiscount[line]! > 0);
    assert.equal(linePromo[line], 1);
  }
  const p0 = num(tiny.truth.uplift!, "p_control"), p1 = num(tiny.truth.uplift!, "p_treated");
  for (let i = 0; i < p0.length; i++) assert.ok(p0[i]! > 0 && p1[i]! >= p0[i]! && p1[i]! < 1);
});

/** Per-segment means of a per-customer or per-row quantity. */
function bySegment(segmentOfRow: (i: number) => number, value: (i: number) => number, n: number): number[] {
  const sum = new Float64Array(4), cnt = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    const s = segmentOfRow(i);
    sum[s]! += value(i);
    cnt[s]!++;
  }
  return Array.from(sum, (s, k) => s / cnt[k]!);
}

Deno.test("offers: declared promo sensitivity ordering is recoverable (promo share, true and observed uplift)", () => {
  const out = offersSimulator.generate({ seed: 5, scale: "tiny", customers: 2500 });
  const seg = (out.tables.customers!.columns.segment as { codes: Int32Array }).codes;
  const [B, P, F, H] = [0, 1, 2, 3];
  assert.deepEqual(SEGMENTS, ["budget", "premium", "family", "horeca"]);
  // Observed promo share of order lines, per segment.
  const orderCust = num(out.tables.orders!, "customer_id");
  const items = out.tables.order_items!;
  const itemOrder = num(items, "order_id"), promo = num(items, "is_promo");
  const share = bySegment((i) => seg[orderCust[itemOrder[i]!]!]!, (i) => promo[i]!, items.nRows);
  assert.ok(share[B]! > share[F]! && share[F]! > share[H]! && share[H]! > share[P]!, `promo share ${share}`);
  // True uplift and observed redemption rate of shown offers, per segment.
  const u = out.truth.uplift!;
  const uc = num(u, "customer_id"), up = num(u, "uplift"), tr = num(u, "treatment"), y1 = num(u, "y_treated");
  const uplift = bySegment((i) => seg[uc[i]!]!, (i) => up[i]!, u.nRows);
  assert.ok(uplift[B]! > uplift[F]! && uplift[F]! > uplift[P]!, `uplift ${uplift}`);
  const shownIdx = [...Array(u.nRows).keys()].filter((i) => tr[i] === 1);
  const rate = bySegment((j) => seg[uc[shownIdx[j]!]!]!, (j) => y1[shownIdx[j]!]!, shownIdx.length);
  assert.ok(rate[B]! > rate[P]!, `redemption rate ${rate}`);
  // Randomised holdout: the observed difference estimates the true average uplift.
  const y0 = num(u, "y_control");
  let sT = 0, nT = 0, sC = 0, nC = 0, trueAte = 0;
  for (let i = 0; i < u.nRows; i++) {
    trueAte += up[i]!;
    if (tr[i] === 1) (sT += y1[i]!, nT++);
    else (sC += y0[i]!, nC++);
  }
  trueAte /= u.nRows;
  const est = sT / nT - sC / nC,
    se = Math.sqrt((sT / nT) * (1 - sT / nT) / nT + (sC / nC) * (1 - sC / nC) / nC);
  assert.ok(Math.abs(est - trueAte) < 4 * se, `ATE estimate ${est} vs true ${trueAte} (se ${se})`);
  assert.ok(trueAte > 0.01);
});

Deno.test("offers: black_friday raises orders, promo share and uplift in black week only", () => {
  const normal = offersSimulator.generate({ seed: 3, scale: "tiny", customers: 1500 });
  const bf = offersSimulator.generate({ seed: 3, scale: "tiny", customers: 1500, scenario: "black_friday" });
  const inWeek = (t: number) => t >= BLACK_FRIDAY.start && t < BLACK_FRIDAY.end;
  const weekBefore = (t: number) =>
    t >= BLACK_FRIDAY.start - 14 * DAY_MS && t < BLACK_FRIDAY.end - 14 * DAY_MS;
  const count = (o: typeof normal, pred: (t: number) => boolean) => {
    const ts = num(o.tables.orders!, "order_timestamp");
    let n = 0;
    for (const t of ts) if (pred(t)) n++;
    return n;
  };
  const lift = count(bf, inWeek) / count(normal, inWeek);
  assert.ok(lift > 1.5 && lift < 2.2, `black-week order lift ${lift} (declared ${BLACK_FRIDAY.orders})`);
  const control = count(bf, weekBefore) / count(normal, weekBefore);
  assert.ok(control > 0.85 && control < 1.15, `order ratio two weeks earlier ${control}`);
  const promoShare = (o: typeof normal) => {
    const ts = num(o.tables.orders!, "order_timestamp"), io = num(o.tables.order_items!, "order_id");
    const pr = num(o.tables.order_items!, "is_promo");
    let s = 0, n = 0;
    for (let i = 0; i < io.length; i++) if (inWeek(ts[io[i]!]!)) (s += pr[i]!, n++);
    return s / n;
  };
  assert.ok(
    promoShare(bf) > 1.4 * promoShare(normal),
    `promo share ${promoShare(bf)} vs ${promoShare(normal)}`,
  );
  const upliftInWeek = (o: typeof normal) => {
    const u = o.truth.uplift!, ts = num(o.tables.impressions!, "shown_timestamp"), up = num(u, "uplift");
    let s = 0, n = 0;
    for (let i = 0; i < u.nRows; i++) if (inWeek(ts[i]!)) (s += up[i]!, n++);
    return s / n;
  };
  assert.ok(upliftInWeek(bf) > 1.2 * upliftInWeek(normal));
  const cal = bf.truth.calendar!;
  const flags = num(cal, "black_friday");
  assert.equal(flags.reduce((a, b) => a + b, 0), 7);
  assert.equal(num(normal.truth.calendar!, "black_friday").reduce((a, b) => a + b, 0), 0);
  assert.equal(num(cal, "day_start")[0], OFFERS_START_MS);
});
