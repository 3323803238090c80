import assert from "node:assert/strict";
import { analyze, tokenize } from "./analyzer.ts";

Deno.test("tokenize: lower case, accents, numbers with separators, possessives, punctuation", () => {
  assert.deepEqual(tokenize("Café CARRIER's 4,000 g, p=0.7; SHIP-3.2 don't"), [
    "cafe",
    "carrier",
    "4000",
    "g",
    "p",
    "0.7",
    "ship",
    "3.2",
    "dont",
  ]);
  assert.deepEqual(tokenize("customers’ parcels… (COD)"), ["customers", "parcels", "cod"]);
  assert.deepEqual(tokenize(""), []);
  assert.deepEqual(tokenize("—  ,.;"), []);
});

Deno.test("analyze drops Lucene's stop words and Porter-stems letter tokens only", () => {
  assert.deepEqual(analyze("The delays of a carrier are not escalated to the warehouse in 48 hours"), [
    "delai",
    "carrier",
    "escal",
    "warehous",
    "48",
    "hour",
  ]);
  assert.deepEqual(analyze("Orders 1,250 and 0.5"), ["order", "1250", "0.5"]);
});
