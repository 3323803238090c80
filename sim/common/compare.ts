/**
 * Frame equality for determinism tests: same column names in the same order, same types, same values
 * bit for bit (NaN equals NaN), same dictionaries.
 *
 * @example
 * ```ts
 * import { makeFrame } from "../../lib/data/mod.ts";
 * import { framesEqual } from "./compare.ts";
 * framesEqual(makeFrame({ x: new Float64Array([NaN]) }), makeFrame({ x: new Float64Array([NaN]) })); // true
 * ```
 * @module
 */
import { type Frame, isStringColumn } from "../../lib/data/mod.ts";

/** True when both frames hold the same columns, types and values. */
export function framesEqual(a: Frame, b: Frame): boolean {
  if (a.nRows !== b.nRows || a.names.join("\u0000") !== b.names.join("\u0000")) return false;
  for (const n of a.names) {
    const x = a.columns[n]!, y = b.columns[n]!;
    if (isStringColumn(x) || isStringColumn(y)) {
      if (!isStringColumn(x) || !isStringColumn(y)) return false;
      if (x.dictionary.join("\u0000") !== y.dictionary.join("\u0000")) return false;
      for (let i = 0; i < x.codes.length; i++) if (x.codes[i] !== y.codes[i]) return false;
      continue;
    }
    if (x.constructor !== y.constructor) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  }
  return true;
}

/** Names of the tables (observed and truth) that differ between two runs. */
export function differingTables(
  a: { tables: Readonly<Record<string, Frame>>; truth: Readonly<Record<string, Frame>> },
  b: { tables: Readonly<Record<string, Frame>>; truth: Readonly<Record<string, Frame>> },
): string[] {
  const out: string[] = [];
  for (const group of ["tables", "truth"] as const) {
    const names = new Set([...Object.keys(a[group]), ...Object.keys(b[group])]);
    for (const name of names) {
      const x = a[group][name], y = b[group][name];
      if (!x || !y || !framesEqual(x, y)) out.push(`${group}.${name}`);
    }
  }
  return out;
}
