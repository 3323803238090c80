/**
 * The pricing simulator (car sharing): customers, vehicles, parking bays, hourly weather, public events,
 * holidays, per-bay demand in 15-minute buckets, bookings with trip telemetry, and incidents.
 *
 * Every request in a bucket becomes a booking by a customer (night requests go preferably to
 * night-prone customers), on a random vehicle, with telemetry drawn from the customer's driving style;
 * the trip ends in an incident with the probability in `mechanism.ts`.
 *
 * Tables: `customers`, `vehicles`, `bays`, `weather`, `events`, `holidays`, `demand`, `bookings`,
 * `incidents`. Truth: `demand_truth` (the Poisson rate of every bucket), `booking_truth` (the incident
 * probability of every trip), `customer_truth` (latent style). Timestamps are epoch ms.
 *
 * @example
 * ```ts
 * import { pricingSimulator } from "./simulator.ts";
 * const out = pricingSimulator.generate({ seed: 1, scale: "tiny", days: 3 });
 * out.tables.demand!.nRows; // bays × days × 96
 * ```
 * @module
 */
import { makeFrame } from "../../lib/data/mod.ts";
import { Categorical, exponential, lognormal, normal, poisson, Rng } from "../../lib/random/mod.ts";
import {
  checkGenerateOptions,
  codesColumn,
  DAY_MS,
  Float64Builder,
  type GenerateOptions,
  HOUR_MS,
  Int32Builder,
  MINUTE_MS,
  type PerScale,
  requirePositiveSize,
  SIM_EPOCH_MS,
  type SimOutput,
  type Simulator,
  sizeFor,
  StringBuilder,
} from "../common/mod.ts";
import { haversineKm } from "../dispatch/city.ts";
import { calendarFactor, eventFactor, tripIncidentProbability } from "./mechanism.ts";
import { PRICING_GRAPH } from "./graph.ts";

/** Size overrides. */
export interface PricingOptions {
  customers?: number;
  bays?: number;
  vehicles?: number;
  days?: number;
}

/** Sizes per scale. */
export const PRICING_SIZES: PerScale<{ customers: number; bays: number; vehicles: number; days: number }> = {
  tiny: { customers: 1_000, bays: 8, vehicles: 60, days: 45 },
  default: { customers: 8_000, bays: 40, vehicles: 600, days: 60 },
  seed: { customers: 20_000, bays: 100, vehicles: 2_500, days: 90 },
};

/** Scenarios: "normal", "event_night" (a large evening event every day), "holiday" (a holiday week and more). */
export const PRICING_SCENARIOS = ["normal", "event_night", "holiday"] as const;

/** The city box (Dublin-like): latitude 53.30–53.40, longitude −6.35 to −6.20. */
export const PRICING_BOX = { minLat: 53.30, maxLat: 53.40, minLon: -6.35, maxLon: -6.20 } as const;

const ZONES = ["cbd", "residential", "airport", "university", "retail"] as const;
const ZONE_BASE = [1.6, 0.8, 1.3, 1.0, 1.1];
const VEHICLE_TYPES = ["economy", "standard", "premium"] as const;
const MEMBERSHIP = ["basic", "plus"] as const;
const EVENT_CATEGORIES = ["concert", "sports", "festival", "conference"] as const;
const INCIDENT_TYPES = ["scratch", "damage", "collision"] as const;

function generate(opts: GenerateOptions & PricingOptions): SimOutput {
  const { seed, scale, scenario } = checkGenerateOptions("pricing", PRICING_SCENARIOS, opts);
  const base = sizeFor(scale, PRICING_SIZES);
  const nCustomers = opts.customers ?? base.customers, nBays = opts.bays ?? base.bays;
  const nVehicles = opts.vehicles ?? base.vehicles, nDays = opts.days ?? base.days;
  requirePositiveSize("customers", nCustomers);
  requirePositiveSize("bays", nBays);
  requirePositiveSize("vehicles", nVehicles);
  requirePositiveSize("days", nDays);
  const rng = new Rng(seed);
  const start = SIM_EPOCH_MS, end = start + nDays * DAY_MS;
  const box = PRICING_BOX;

  // ---- bays
  const br = rng.fork(1);
  const bayLat = new Float64Array(nBays), bayLon = new Float64Array(nBays), bayZone = new Int32Array(nBays);
  const bayCap = new Int32Array(nBays), bayBase = new Float64Array(nBays);
  for (let b = 0; b < nBays; b++) {
    const z = b === 0 ? 0 : br.int(ZONES.length);
    bayZone[b] = z;
    // cbd bays cluster in the centre
    const spread = z === 0 ? 0.15 : 0.45;
    bayLat[b] = (box.minLat + box.maxLat) / 2 + (br.float() - 0.5) * (box.maxLat - box.minLat) * spread * 2;
    bayLon[b] = (box.minLon + box.maxLon) / 2 + (br.float() - 0.5) * (box.maxLon - box.minLon) * spread * 2;
    bayCap[b] = 4 + br.int(16);
    bayBase[b] = ZONE_BASE[z]! * lognormal(br, Math.log(0.35), 0.4);
  }

  // ---- holidays
  const holiday = new Uint8Array(nDays);
  const hr = rng.fork(2);
  if (scenario === "holiday") {
    const from = Math.min(nDays - 1, 7 + hr.int(Math.max(1, nDays - 14)));
    for (let d = from; d < Math.min(nDays, from + 5); d++) holiday[d] = 1;
    for (let d = 0; d < nDays; d++) if (hr.bernoulli(0.05)) holiday[d] = 1;
  } else {
    for (let d = 0; d < nDays; d++) if (hr.bernoulli(1 / 30)) holiday[d] = 1;
  }

  // ---- weather (hourly Markov chain)
  const nHours = nDays * 24;
  const rain = new Int32Array(nHours), rainMm = new Float64Array(nHours), tempC = new Float64Array(nHours);
  const hourStart = new Float64Array(nHours);
  {
    const w = rng.fork(3);
    let s = 0;
    for (let h = 0; h < nHours; h++) {
      s = s ? (w.bernoulli(0.25) ? 0 : 1) : (w.bernoulli(0.07) ? 1 : 0);
      rain[h] = s;
      rainMm[h] = s ? Math.round(exponential(w, 1 / 2) * 10) / 10 + 0.1 : 0;
      tempC[h] = Math.round((10 + 4 * Math.sin(((h % 24) - 9) / 24 * 2 * Math.PI) + normal(w, 0, 1.5)) * 10) / 10;
      hourStart[h] = start + h * HOUR_MS;
    }
  }

  // ---- events: a few venues; normal ~0.4 events/day; event_night adds a big one every evening
  const er = rng.fork(4);
  const venues = Array.from({ length: 5 }, () => ({
    lat: box.minLat + 0.02 + er.float() * (box.maxLat - box.minLat - 0.04),
    lon: box.minLon + 0.03 + er.float() * (box.maxLon - box.minLon - 0.06),
  }));
  const evVenue: number[] = [], evStart: number[] = [], evEnd: number[] = [], evAtt: number[] = [], evCat: number[] = [];
  for (let d = 0; d < nDays; d++) {
    const n = poisson(er, 0.4);
    for (let k = 0; k < n; k++) {
      evVenue.push(er.int(venues.length));
      const st = start + d * DAY_MS + (12 + er.int(9)) * HOUR_MS;
      evStart.push(st);
      evEnd.push(st + (2 + er.int(3)) * HOUR_MS);
      evAtt.push(Math.round(2_000 + exponential(er, 1 / 8_000)));
      evCat.push(er.int(EVENT_CATEGORIES.length));
    }
    if (scenario === "event_night") {
      evVenue.push(er.int(venues.length));
      const st = start + d * DAY_MS + 19 * HOUR_MS;
      evStart.push(st);
      evEnd.push(st + 3 * HOUR_MS);
      evAtt.push(Math.round(20_000 + er.float() * 30_000));
      evCat.push(er.int(2));
    }
  }
  const nEvents = evStart.length;
  const bayVenueKm = new Float64Array(nBays * venues.length);
  for (let b = 0; b < nBays; b++) {
    for (let v = 0; v < venues.length; v++) bayVenueKm[b * venues.length + v] = haversineKm(bayLat[b]!, bayLon[b]!, venues[v]!.lat, venues[v]!.lon);
  }

  // ---- demand: Poisson counts per bay and bucket, rates kept as truth
  const nBuckets = nDays * 96;
  const nRows = nBays * nBuckets;
  const dBay = new Int32Array(nRows), dAt = new Float64Array(nRows), dCount = new Int32Array(nRows);
  const tRate = new Float64Array(nRows), tEvent = new Float64Array(nRows), tCal = new Float64Array(nRows);
  const dr = rng.fork(5);
  {
    const eventMult = new Float64Array(nBays);
    let row = 0;
    for (let q = 0; q < nBuckets; q++) {
      const t = start + q * 15 * MINUTE_MS;
      const day = Math.floor(q / 96), hour = Math.floor((q % 96) / 4), dow = day % 7;
      const cal = calendarFactor(hour, dow, rain[day * 24 + hour] === 1, holiday[day] === 1);
      eventMult.fill(1);
      for (let e = 0; e < nEvents; e++) {
        if (t < evStart[e]! - 2 * HOUR_MS || t > evEnd[e]! + 4 * HOUR_MS) continue;
        for (let b = 0; b < nBays; b++) {
          const f = eventFactor(bayVenueKm[b * venues.length + evVenue[e]!]!, evAtt[e]!, evStart[e]! - t, t - evEnd[e]!);
          eventMult[b] = eventMult[b]! * f;
        }
      }
      for (let b = 0; b < nBays; b++) {
        const rate = bayBase[b]! * cal * eventMult[b]!;
        dBay[row] = b;
        dAt[row] = t;
        dCount[row] = poisson(dr, rate);
        tRate[row] = rate;
        tEvent[row] = eventMult[b]!;
        tCal[row] = cal;
        row++;
      }
    }
  }

  // ---- customers
  const cr = rng.fork(6);
  const age = new Int32Array(nCustomers), licenseYears = new Int32Array(nCustomers), prior = new Int32Array(nCustomers);
  const signup = new Float64Array(nCustomers), membership = new Int32Array(nCustomers);
  const speeding = new Float64Array(nCustomers), harsh = new Float64Array(nCustomers), nightPref = new Float64Array(nCustomers);
  const activity = new Float64Array(nCustomers);
  for (let c = 0; c < nCustomers; c++) {
    const a = Math.min(80, Math.max(18, Math.round(18 + exponential(cr, 1 / 14))));
    age[c] = a;
    licenseYears[c] = Math.max(0, Math.min(a - 17, Math.round((a - 18) * cr.float())));
    const young = a < 25;
    // driving style: young drivers speed more; style also raises past incidents (a confounder)
    const style = normal(cr, young ? 0.5 : 0, 0.6);
    speeding[c] = Math.exp(style - 0.7); // violations per driving hour
    harsh[c] = Math.exp(0.8 * style - 0.2);
    nightPref[c] = Math.min(0.9, Math.max(0.01, (young ? 0.2 : 0.08) + 0.1 * normal(cr)));
    prior[c] = poisson(cr, 0.15 * Math.exp(0.8 * style));
    signup[c] = start - (1 + cr.int(1500)) * DAY_MS;
    membership[c] = cr.bernoulli(0.3) ? 1 : 0;
    activity[c] = lognormal(cr, 0, 0.9);
  }
  const dayPick = new Categorical(Float64Array.from(activity, (a, c) => a * (1 - nightPref[c]!)));
  const nightPick = new Categorical(Float64Array.from(activity, (a, c) => a * nightPref[c]!));

  // ---- vehicles
  const vr = rng.fork(7);
  const vType = new Int32Array(nVehicles), vBay = new Int32Array(nVehicles), vPrice = new Float64Array(nVehicles);
  const vYear = new Int32Array(nVehicles);
  for (let v = 0; v < nVehicles; v++) {
    const t = vr.bernoulli(0.5) ? 0 : vr.bernoulli(0.7) ? 1 : 2;
    vType[v] = t;
    vBay[v] = vr.int(nBays);
    vPrice[v] = [0.25, 0.32, 0.45][t]! + Math.round(vr.float() * 5) / 100;
    vYear[v] = 2016 + vr.int(9);
  }

  // ---- bookings (one per request) and incidents
  const kr = rng.fork(8);
  const cap = Math.max(1024, Math.ceil(dCount.reduce((a, b) => a + b, 0) * 1.01));
  const bId = new Int32Builder(cap), bCust = new Int32Builder(cap), bVeh = new Int32Builder(cap), bBay = new Int32Builder(cap);
  const bAt = new Float64Builder(cap), bEnd = new Float64Builder(cap), bKm = new Float64Builder(cap);
  const bSpeed = new Int32Builder(cap), bHarsh = new Int32Builder(cap), bNight = new Int32Builder(cap);
  const bAvgSpeed = new Float64Builder(cap), bP = new Float64Builder(cap);
  const iId = new Int32Builder(), iCust = new Int32Builder(), iBook = new Int32Builder(), iAt = new Float64Builder();
  const iType = new StringBuilder(INCIDENT_TYPES), iCost = new Float64Builder();
  let nBookings = 0;
  for (let row = 0; row < nRows; row++) {
    const n = dCount[row]!;
    for (let k = 0; k < n; k++) {
      const t = Math.floor(dAt[row]! + kr.float() * 15 * MINUTE_MS);
      const hour = Math.floor((t % DAY_MS) / HOUR_MS);
      const night = hour >= 22 || hour < 5;
      const c = (night ? nightPick : dayPick).sample(kr);
      const dur = Math.max(10, Math.min(600, Math.round(lognormal(kr, Math.log(45), 0.6))));
      const hours = dur / 60;
      const sv = poisson(kr, speeding[c]! * hours), hb = poisson(kr, harsh[c]! * hours);
      const raining = rain[Math.min(nHours - 1, Math.floor((t - start) / HOUR_MS))] === 1;
      const p = tripIncidentProbability({ age: age[c]!, priorIncidents: prior[c]!, night, speedViolations: sv, harshBraking: hb, raining });
      const id = nBookings++;
      bId.push(id);
      bCust.push(c);
      bVeh.push(kr.int(nVehicles));
      bBay.push(dBay[row]!);
      bAt.push(t);
      bEnd.push(t + dur * MINUTE_MS);
      const avgSpeed = Math.round((25 + 8 * normal(kr) + 4 * Math.log(speeding[c]! + 1)) * 10) / 10;
      bAvgSpeed.push(Math.max(5, avgSpeed));
      bKm.push(Math.round(Math.max(5, avgSpeed) * hours * 10) / 10);
      bSpeed.push(sv);
      bHarsh.push(hb);
      bNight.push(night ? 1 : 0);
      bP.push(p);
      if (kr.float() < p) {
        iId.push(iId.length);
        iCust.push(c);
        iBook.push(id);
        iAt.push(t + Math.floor(kr.float() * dur * MINUTE_MS));
        const ty = kr.float() < 0.5 ? 0 : kr.float() < 0.7 ? 1 : 2;
        iType.push(ty);
        iCost.push(Math.round([150, 900, 4_000][ty]! * lognormal(kr, 0, 0.5)));
      }
    }
  }
  const incidentAt = iAt.finish();
  // incidents are reported in time order
  const iOrder = Int32Array.from({ length: incidentAt.length }, (_, i) => i).sort((a, b) => incidentAt[a]! - incidentAt[b]! || a - b);
  const reorder = <T extends Float64Array | Int32Array>(src: T): T => {
    const out = new (src.constructor as { new (n: number): T })(src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[iOrder[i]!]!;
    return out;
  };
  const typeCol = iType.finish();

  const ids = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  const tables = {
    customers: makeFrame({
      customer_id: ids(nCustomers),
      age,
      license_years: licenseYears,
      prior_incidents_3y: prior,
      signup_at: signup,
      membership: codesColumn(membership, MEMBERSHIP),
    }),
    vehicles: makeFrame({
      vehicle_id: ids(nVehicles),
      vehicle_type: codesColumn(vType, VEHICLE_TYPES),
      home_bay_id: vBay,
      base_price_per_min: vPrice,
      model_year: vYear,
    }),
    bays: makeFrame({
      bay_id: ids(nBays),
      zone: codesColumn(bayZone, ZONES),
      lat: bayLat,
      lon: bayLon,
      capacity: bayCap,
    }),
    weather: makeFrame({ hour_start: hourStart, rain, rain_mm: rainMm, temperature_c: tempC }),
    events: makeFrame({
      event_id: ids(nEvents),
      category: codesColumn(Int32Array.from(evCat), EVENT_CATEGORIES),
      venue_lat: Float64Array.from(evVenue, (v) => venues[v]!.lat),
      venue_lon: Float64Array.from(evVenue, (v) => venues[v]!.lon),
      start_at: Float64Array.from(evStart),
      end_at: Float64Array.from(evEnd),
      expected_attendance: Int32Array.from(evAtt),
    }),
    holidays: makeFrame({
      day: Float64Array.from([...holiday.keys()].filter((d) => holiday[d]).map((d) => start + d * DAY_MS)),
    }),
    demand: makeFrame({ bay_id: dBay, bucket_start: dAt, requests: dCount }),
    bookings: makeFrame({
      booking_id: bId.finish(),
      customer_id: bCust.finish(),
      vehicle_id: bVeh.finish(),
      bay_id: bBay.finish(),
      booked_at: bAt.finish(),
      ended_at: bEnd.finish(),
      distance_km: bKm.finish(),
      avg_speed_kmh: bAvgSpeed.finish(),
      speed_violations: bSpeed.finish(),
      harsh_braking: bHarsh.finish(),
      night_trip: bNight.finish(),
    }),
    incidents: makeFrame({
      incident_id: ids(incidentAt.length),
      customer_id: reorder(iCust.finish()),
      booking_id: reorder(iBook.finish()),
      occurred_at: reorder(incidentAt),
      incident_type: codesColumn(reorder(typeCol.codes), INCIDENT_TYPES),
      cost_eur: reorder(iCost.finish()),
    }),
  };
  const truth = {
    demand_truth: makeFrame({ bay_id: dBay, bucket_start: dAt, rate: tRate, calendar_factor: tCal, event_factor: tEvent }),
    booking_truth: makeFrame({ booking_id: ids(nBookings), p_incident: bP.finish() }),
    customer_truth: makeFrame({ customer_id: ids(nCustomers), speeding_per_hour: speeding, harsh_per_hour: harsh, night_preference: nightPref }),
  };
  return {
    tables,
    truth,
    meta: {
      simulator: "pricing",
      scenario,
      seed,
      scale,
      sizes: {
        customers: nCustomers, bays: nBays, vehicles: nVehicles, days: nDays, demand_rows: nRows,
        bookings: nBookings, incidents: incidentAt.length, events: nEvents,
      },
      startMs: start,
      endMs: end,
      timestampColumns: {
        customers: ["signup_at"],
        weather: ["hour_start"],
        events: ["start_at", "end_at"],
        holidays: ["day"],
        demand: ["bucket_start"],
        bookings: ["booked_at", "ended_at"],
        incidents: ["occurred_at"],
      },
      notes: [
        "requests ~ Poisson(base × hourly × weekday × 1.25 rain × 1.2 holiday × event)",
        "P(incident | trip) = σ(−5.3 + 0.9 young + 0.35 prior + 1.0 night + 0.25 speeding + 0.15 harsh + 0.4 rain)",
      ],
    },
  };
}

/** The pricing simulator. */
export const pricingSimulator: Simulator<PricingOptions> = {
  name: "pricing",
  scenarios: PRICING_SCENARIOS,
  graph: PRICING_GRAPH,
  generate,
};
