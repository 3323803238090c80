/**
 * Golden hashes of the dispatch simulator's output: every observed (bronze) and truth table of a few small
 * runs, hashed column by column (names, types, dictionaries and the bytes of the values). Recorded from the
 * single-function simulator before it was split into stages and before its rules moved to
 * `lib/domains/dispatch`; a refactor that changes one bit of the generated data fails here. A deliberate
 * change of the generated world updates these hashes in the same commit, saying why.
 */
import assert from "node:assert/strict";
import { type Frame, isStringColumn } from "../../lib/data/mod.ts";
import type { SimOutput } from "../common/mod.ts";
import { dispatchSimulator } from "./mod.ts";

/** SHA-256 (hex) of a frame: column names, column types, dictionaries and value bytes, in order. */
async function frameHash(f: Frame): Promise<string> {
  const parts: Uint8Array[] = [];
  const text = (s: string) => parts.push(new TextEncoder().encode(s + "\u0000"));
  text(`rows=${f.nRows}`);
  for (const name of f.names) {
    const c = f.columns[name]!;
    text(name);
    if (isStringColumn(c)) {
      text(`string:${c.dictionary.join("\u0001")}`);
      parts.push(new Uint8Array(c.codes.buffer, c.codes.byteOffset, c.codes.byteLength));
    } else {
      text(c.constructor.name);
      parts.push(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
    }
  }
  let n = 0;
  for (const p of parts) n += p.length;
  const all = new Uint8Array(n);
  let at = 0;
  for (const p of parts) (all.set(p, at), at += p.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `group.table` → the first 16 hex digits of its hash, tables in sorted order. */
async function outputHashes(out: SimOutput): Promise<Record<string, string>> {
  const res: Record<string, string> = {};
  for (const group of ["tables", "truth"] as const) {
    for (const name of Object.keys(out[group]).sort()) {
      res[`${group}.${name}`] = (await frameHash(out[group][name]!)).slice(0, 16);
    }
  }
  const meta = new TextEncoder().encode(JSON.stringify(out.meta));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", meta));
  res.meta = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  return res;
}

const RUNS: { label: string; opts: Parameters<typeof dispatchSimulator.generate>[0] }[] = [
  { label: "normal", opts: { seed: 7, scale: "tiny", orders: 2_000 } },
  { label: "rain_day", opts: { seed: 3, scale: "tiny", scenario: "rain_day", orders: 1_500 } },
  { label: "cold_start", opts: { seed: 5, scale: "tiny", scenario: "cold_start", orders: 1_500 } },
  // fewer offers than the radius rule's 5 candidates, and a longer, denser city
  { label: "k3", opts: { seed: 9, scale: "tiny", orders: 1_500, maxOffersPerOrder: 3 } },
  { label: "dense", opts: { seed: 21, scale: "tiny", drivers: 1_500, orders: 4_000, days: 3 } },
];

const GOLDEN: Record<string, Record<string, string>> = {
  normal: {
    "tables.drivers": "d2528d5da1c86263",
    "tables.offers": "b90a7119b8f6fc23",
    "tables.orders": "d7295c34a8e2d5f6",
    "tables.pings": "52945949a86621e8",
    "tables.sessions": "7ffbf4810aaa6cad",
    "tables.weather": "41c7e87aa6d2ffeb",
    "truth.driver_truth": "3d2aca44abc02a75",
    "truth.offer_truth": "a24b4dd2b110adb9",
    meta: "0a7ef23f4c784965",
  },
  rain_day: {
    "tables.drivers": "86fa8fc4fe005a6c",
    "tables.offers": "899c06760f1fc854",
    "tables.orders": "df066bcdfcd054d9",
    "tables.pings": "0a01d0cbfbc99c3b",
    "tables.sessions": "c2d9ebd81c982caa",
    "tables.weather": "a0e126c08d754053",
    "truth.driver_truth": "e27da15cf52b38ef",
    "truth.offer_truth": "398c1aa23c1a114b",
    meta: "1908fbe98837d881",
  },
  cold_start: {
    "tables.drivers": "42ee811be8925794",
    "tables.offers": "c8c4569e4b8a196a",
    "tables.orders": "f852098178d38e88",
    "tables.pings": "ac6c35777876c268",
    "tables.sessions": "c989bb730137a4de",
    "tables.weather": "a2df9659cef89469",
    "truth.driver_truth": "9d838d921485e477",
    "truth.offer_truth": "2e43731a75ee32f3",
    meta: "e5caee7d570f28bc",
  },
  k3: {
    "tables.drivers": "e8d93668739ba118",
    "tables.offers": "7d9539016871cafb",
    "tables.orders": "9e20aa41ac4f4800",
    "tables.pings": "79ac9997ac2befb4",
    "tables.sessions": "afe66448be3ccbaa",
    "tables.weather": "85373fff164674f0",
    "truth.driver_truth": "a7810efa21d53f4f",
    "truth.offer_truth": "e23e98fb09c36c5c",
    meta: "87d3d66896e15c0b",
  },
  dense: {
    "tables.drivers": "f64422cf81283112",
    "tables.offers": "90a4d25a5e05b333",
    "tables.orders": "29cbac49c3b6062e",
    "tables.pings": "699589e37c48fd8e",
    "tables.sessions": "b6b8f74ba89ab841",
    "tables.weather": "c84e2b4e3d8a14c0",
    "truth.driver_truth": "435a3003e6e224b9",
    "truth.offer_truth": "de69f14a6dee58ed",
    meta: "749f4be6f883b849",
  },
};

Deno.test("dispatch simulator output is bit-identical to the recorded golden hashes", async () => {
  const got: Record<string, Record<string, string>> = {};
  for (const { label, opts } of RUNS) got[label] = await outputHashes(dispatchSimulator.generate(opts));
  const print = Deno.env.get("PRINT_GOLDEN"); // a path: write the hashes there (to record new ones)
  if (print) Deno.writeTextFileSync(print, JSON.stringify(got, null, 2));
  assert.deepEqual(got, GOLDEN);
});
