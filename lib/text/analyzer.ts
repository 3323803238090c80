/**
 * Text analysis for lexical retrieval, after Lucene's `EnglishAnalyzer` chain
 * (tokenise → possessive filter → lower case → stop filter → Porter stem):
 *
 * 1. **Normalise**: Unicode NFKD, combining marks dropped ("café" → "cafe"), lower case.
 * 2. **Tokenise** ({@link tokenize}): maximal runs of letters a–z and digits; a `.` or `,` between two
 *    digits stays inside a number ("0.7", "4,000"), and the thousands commas are then dropped
 *    ("4,000" → "4000"); an apostrophe between letters joins them ("don't" → "dont") except a trailing
 *    possessive "'s", which is removed ("carrier's" → "carrier"). Everything else separates tokens, so
 *    "SHIP-3.2" gives "ship", "3.2". (Lucene's StandardTokenizer follows UAX #29; the two agree on
 *    plain prose, numbers and possessives.)
 * 3. **Stop words** ({@link ENGLISH_STOP_WORDS}, Lucene's English set) removed.
 * 4. **Stem**: the original Porter algorithm ({@link porterStem}) on tokens made of letters only;
 *    tokens with digits are kept as they are.
 *
 * @example
 * ```ts
 * import { analyze } from "./analyzer.ts";
 * analyze("The carrier's delays: 4,000 g parcels"); // ["carrier", "delai", "4000", "g", "parcel"]
 * ```
 * @module
 */
import { porterStem } from "./porter.ts";
import { ENGLISH_STOP_WORDS } from "./stop_words.ts";

/** A function from text to index terms. */
export type Analyzer = (text: string) => string[];

const TOKEN = /[a-z0-9]+(?:(?:'[a-z]+)|(?:[.,][0-9]+))*/g;
const COMBINING = /[\u0300-\u036f]/g;
const DIGIT_GROUP = /^[0-9]+(?:,[0-9]+)+(?:\.[0-9]+)?$/;

/** Normalised tokens of `text` (steps 1–2 above), stop words and stems not applied. */
export function tokenize(text: string): string[] {
  const normal = text.normalize("NFKD").replace(COMBINING, "").toLowerCase().replace(/[\u2019\u2018]/g, "'");
  const out: string[] = [];
  for (const m of normal.matchAll(TOKEN)) {
    let t = m[0];
    if (t.endsWith("'s")) t = t.slice(0, -2);
    if (t.includes("'")) t = t.replaceAll("'", "");
    // a letter run followed by ".5" or ",5" (e.g. "p1.5") keeps only what the regex joined to digits
    if (DIGIT_GROUP.test(t)) t = t.replaceAll(",", "");
    else if (/[a-z]/.test(t) && /[.,]/.test(t)) {
      out.push(...t.split(/[.,]/).filter((s) => s.length > 0));
      continue;
    }
    if (t.length > 0) out.push(t);
  }
  return out;
}

/** The default analyzer: {@link tokenize}, English stop words removed, Porter stems. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    if (ENGLISH_STOP_WORDS.has(t)) continue;
    out.push(/^[a-z]+$/.test(t) ? porterStem(t) : t);
  }
  return out;
}
