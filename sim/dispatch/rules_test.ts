/**
 * The dispatch simulator applies the rules of `lib/domains/dispatch` (the ones the API applies), checked
 * on its own data: the grid search of the candidate stage against `retrievalRules` over every online
 * driver (the API's path), the offer log against the eligibility and radius rules, the pings against the
 * fraud rule; and the simulator's rule code imports the rules instead of holding its own copy.
 */
import assert from "node:assert/strict";
import {
  type EligibilityCandidate,
  fraudSpeedRule,
  MIN_CANDIDATES,
  offerRadiusKm,
  retrievalRules,
  SERVICE_TYPES,
  type ServiceLevel,
  serviceLevelRule,
  type ServiceType,
  type VehicleType,
  vehicleTypeRule,
} from "../../lib/domains/dispatch/mod.ts";
import { getNumeric, isStringColumn, type StringColumn } from "../../lib/data/mod.ts";
import { relativeImports, resolveImport } from "../../lib/import_rules.ts";
import { Rng } from "../../lib/random/mod.ts";
import { SIM_EPOCH_MS } from "../common/mod.ts";
import { VEHICLES } from "./acceptance.ts";
import { createCandidateSearch } from "./candidates.ts";
import { haversineKm } from "./city.ts";
import { drawDrivers, drawSessions, SERVICE_LEVEL_OF_VEHICLE } from "./entities.ts";
import { dispatchSimulator } from "./mod.ts";
import { drawOrders } from "./orders.ts";
import { simulateWeather } from "./weather.ts";

function strings(c: unknown): StringColumn {
  if (!isStringColumn(c as never)) throw new Error("not a string column");
  return c as StringColumn;
}

Deno.test("candidate stage = lib retrievalRules over every online driver (radius, eligibility, nearest first)", () => {
  // A dense city so that all three radii occur; the stages with their simulator streams.
  const rng = new Rng(17), start = SIM_EPOCH_MS, nDays = 2, maxOffers = 10;
  const weather = simulateWeather(rng.fork(1), nDays, "normal", start);
  const drivers = drawDrivers(rng.fork(2), 1_500, "normal", start);
  const sessions = drawSessions(rng.fork(3), drivers.n, nDays, start);
  const orders = drawOrders(rng.fork(4), 600, nDays, start, weather);
  const search = createCandidateSearch(drivers, sessions, start, maxOffers);
  const radii = new Map<number, number>();
  for (let i = 0; i < orders.n; i++) {
    // No offers are made here, so every online driver is available (not busy, not just offered).
    const t = orders.createdAt[i]!, lat = orders.pickupLat[i]!, lon = orders.pickupLon[i]!;
    search.advanceTo(t);
    const k = search.search(lat, lon, orders.service[i]!, t);
    const online = [];
    for (let j = 0; j < sessions.driver.length; j++) {
      if (sessions.start[j]! <= t && t < sessions.end[j]!) {
        const d = sessions.driver[j]!;
        online.push({
          driverId: d,
          vehicleType: VEHICLES[drivers.vehicle[d]!]!,
          serviceLevel: SERVICE_LEVEL_OF_VEHICLE[drivers.vehicle[d]!]!,
          distanceKm: haversineKm(lat, lon, drivers.homeLat[d]!, drivers.homeLon[d]!),
        });
      }
    }
    const api = retrievalRules({ serviceType: SERVICE_TYPES[orders.service[i]!]! }, online);
    assert.equal(search.radiusKm, api.radiusKm, `order ${i}`);
    radii.set(api.radiusKm, (radii.get(api.radiusKm) ?? 0) + 1);
    const nearest = api.kept.sort((a, b) => a.distanceKm - b.distanceKm || a.driverId - b.driverId)
      .slice(0, maxOffers);
    assert.equal(k, nearest.length, `order ${i}: ${k} offers vs ${nearest.length}`);
    assert.deepEqual(
      Array.from(search.candidates.subarray(0, k)),
      nearest.map((c) => c.driverId),
      `order ${i}`,
    );
  }
  // every radius was exercised
  for (const r of [1, 3, 5]) assert.ok((radii.get(r) ?? 0) >= 20, `radius ${r}: ${radii.get(r)} orders`);
});

Deno.test("offer log: every offer passes the lib eligibility rules and lies within offerRadiusKm", () => {
  const out = dispatchSimulator.generate({ seed: 21, scale: "tiny", drivers: 1_500, orders: 4_000, days: 3 });
  const off = out.tables.offers!, ord = out.tables.orders!, drv = out.tables.drivers!;
  const orderId = getNumeric(off, "order_id"), driverId = getNumeric(off, "driver_id");
  const km = getNumeric(off, "distance_to_pickup_km"), accepted = getNumeric(off, "accepted");
  const service = strings(ord.columns.service_type), vehicle = strings(drv.columns.vehicle_type);
  const level = strings(drv.columns.service_level);
  const pairs: { serviceType: ServiceType; c: EligibilityCandidate }[] = [];
  for (let r = 0; r < off.nRows; r++) {
    const d = driverId[r]!;
    pairs.push({
      serviceType: service.dictionary[service.codes[orderId[r]!]!] as ServiceType,
      c: {
        driverId: d,
        vehicleType: vehicle.dictionary[vehicle.codes[d]!] as VehicleType,
        serviceLevel: level.dictionary[level.codes[d]!] as ServiceLevel,
      },
    });
  }
  for (const s of SERVICE_TYPES) {
    const cands = pairs.filter((p) => p.serviceType === s).map((p) => p.c);
    assert.ok(cands.length > 100, `${s}: ${cands.length} offers`);
    assert.deepEqual(vehicleTypeRule({ serviceType: s }, cands).removed, []);
    assert.deepEqual(serviceLevelRule({ serviceType: s }, cands).removed, []);
  }
  // Per order, the offered drivers are some of its candidates (the sequence stops at an accept), so the
  // true radius is at most offerRadiusKm(offered) and every offer lies within it. Logged distances are
  // rounded to metres: allow half a metre.
  const byOrder = new Map<number, { km: number[]; accepted: boolean }>();
  for (let r = 0; r < off.nRows; r++) {
    const o = orderId[r]!;
    const e = byOrder.get(o) ?? { km: [], accepted: false };
    e.km.push(km[r]!);
    e.accepted ||= accepted[r] === 1;
    byOrder.set(o, e);
  }
  let bound = 0;
  for (const [o, e] of byOrder) {
    const radius = offerRadiusKm(e.km.map((x) => x + 0.0005));
    assert.ok(
      Math.max(...e.km) <= radius + 0.0005,
      `order ${o}: offers up to ${Math.max(...e.km)} km, radius ${radius}`,
    );
    // the rule bound this order: its radius held ≥ 5, all declined, and the dispatcher stopped there
    if (radius < 5 && !e.accepted && e.km.length < 10 && e.km.length >= MIN_CANDIDATES) bound++;
  }
  assert.ok(bound >= 30, `the radius stopped only ${bound} sequences`);
});

Deno.test("pings: lib's fraud rule on each driver's top speed removes exactly the simulated fraudsters", () => {
  const out = dispatchSimulator.generate({ seed: 7, scale: "tiny", drivers: 2_000, orders: 200 });
  const fraud = getNumeric(out.truth.driver_truth!, "is_fraud");
  const pd = getNumeric(out.tables.pings!, "driver_id"), sp = getNumeric(out.tables.pings!, "speed_kmh");
  const top = new Float64Array(fraud.length);
  for (let r = 0; r < pd.length; r++) top[pd[r]!] = Math.max(top[pd[r]!]!, sp[r]!);
  const r = fraudSpeedRule(Array.from(top, (v, d) => ({
    driverId: d,
    speedKmh: v,
    lastCancelledAt: null,
    acceptsToday: 0,
    cancelsToday: 0,
  })));
  const fraudsters = Array.from(fraud).flatMap((f, d) => f === 1 ? [d] : []);
  assert.ok(fraudsters.length >= 15, `${fraudsters.length} fraudsters`);
  assert.deepEqual(r.removed.map((x) => x.driverId), fraudsters);
});

Deno.test("sim files that implement a rule import it from lib/domains and hold no copy of it", async () => {
  const root = new URL("../../", import.meta.url);
  const read = (p: string) => Deno.readTextFile(new URL(p, root));
  const imports = async (p: string) =>
    relativeImports(await read(p)).map((s) => resolveImport(p, s)).filter((s) => s !== undefined);
  // who must import what
  const uses: [string, string, RegExp][] = [
    ["sim/dispatch/candidates.ts", "lib/domains/dispatch/mod.ts", /\bofferRadiusKm\(/],
    ["sim/dispatch/candidates.ts", "lib/domains/dispatch/mod.ts", /\bvehicleCompatible\(/],
    ["sim/dispatch/candidates.ts", "lib/domains/dispatch/mod.ts", /\bserviceLevelAllows\(/],
    ["sim/dispatch/candidates.ts", "lib/domains/dispatch/mod.ts", /\bMAX_OFFER_RADIUS_KM\b/],
    ["sim/dispatch/acceptance.ts", "lib/domains/dispatch/mod.ts", /\bVEHICLE_TYPES\b/],
  ];
  for (const [file, door, call] of uses) {
    assert.ok((await imports(file)).includes(door), `${file} does not import ${door}`);
    assert.match(await read(file), call, `${file} does not use ${call}`);
  }
  // no sim file restates a dispatch rule's constants
  const copies = [
    /\[\s*1\s*,\s*3\s*(,\s*5\s*)?\]/, // the radius ladder
    /\bR_MAX\s*=\s*5\b/,
    /\[\[BIKE\]/, // a hand-written compatibility table
    />\s*80\b/, // the fraud speed
  ];
  for await (const e of Deno.readDir(new URL("sim/dispatch/", root))) {
    if (!e.name.endsWith(".ts") || e.name.endsWith("_test.ts")) continue;
    const src = await read(`sim/dispatch/${e.name}`);
    for (const re of copies) assert.doesNotMatch(src, re, `sim/dispatch/${e.name} restates a rule (${re})`);
  }
});
