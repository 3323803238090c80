/**
 * The Porter stemmer, as in M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980: the
 * original algorithm of the paper (steps 1a–5b), implemented here from the paper. On words of three or
 * more letters its output equals NLTK's `PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)` (NLTK
 * 3.10.3: all 5,239 such words of this repository's sources and specs agreed; the tests embed a sample).
 *
 * - Input is one lower-case word of the letters a–z; anything else is returned unchanged, as are words
 *   of one or two letters (as in Porter's own implementation).
 * - `y` is a consonant at the start of a word or after a vowel, a vowel after a consonant.
 * - In every step the longest matching suffix is taken; if its condition fails the step leaves the
 *   word as it is (no shorter suffix of the same step is tried).
 *
 * @example
 * ```ts
 * import { porterStem } from "./porter.ts";
 * porterStem("delays"); // "delai"
 * porterStem("escalation"); // "escal"
 * porterStem("generalizations"); // "gener"
 * ```
 * @module
 */

function isConsonant(w: string, i: number): boolean {
  const c = w.charCodeAt(i);
  // a e i o u
  if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) return false;
  if (c === 121) return i === 0 ? true : !isConsonant(w, i - 1); // y
  return true;
}

/** m: the number of vowel–consonant sequences in `stem` ([C](VC)^m[V]). */
function measure(stem: string): number {
  let m = 0, i = 0;
  const n = stem.length;
  while (i < n && isConsonant(stem, i)) i++;
  while (i < n) {
    while (i < n && !isConsonant(stem, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonant(stem, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

/** *d: ends with a double consonant. */
function endsDoubleConsonant(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** *o: ends consonant–vowel–consonant, the last consonant not w, x or y. */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n < 3) return false;
  if (!isConsonant(w, n - 3) || isConsonant(w, n - 2) || !isConsonant(w, n - 1)) return false;
  const last = w[n - 1];
  return last !== "w" && last !== "x" && last !== "y";
}

type Rule = readonly [suffix: string, replacement: string];

/** Applies the first (longest) rule whose suffix matches, if `ok(stem)`; otherwise leaves `w`. */
function applyRules(w: string, rules: readonly Rule[], ok: (stem: string) => boolean): string {
  for (const [suffix, replacement] of rules) {
    if (w.endsWith(suffix)) {
      const stem = w.slice(0, w.length - suffix.length);
      return ok(stem) ? stem + replacement : w;
    }
  }
  return w;
}

const STEP2: readonly Rule[] = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["abli", "able"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
];

const STEP3: readonly Rule[] = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];

// Ordered so that a longer suffix comes before any suffix it ends with (ement, ment, ent).
const STEP4 = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
] as const;

function step1a(w: string): string {
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("ies")) return w.slice(0, -2);
  if (w.endsWith("ss")) return w;
  if (w.endsWith("s")) return w.slice(0, -1);
  return w;
}

function step1b(w: string): string {
  if (w.endsWith("eed")) {
    const stem = w.slice(0, -3);
    return measure(stem) > 0 ? stem + "ee" : w;
  }
  let stem: string;
  if (w.endsWith("ed")) stem = w.slice(0, -2);
  else if (w.endsWith("ing")) stem = w.slice(0, -3);
  else return w;
  if (!hasVowel(stem)) return w;
  if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) return stem + "e";
  if (endsDoubleConsonant(stem)) {
    const last = stem[stem.length - 1];
    return last === "l" || last === "s" || last === "z" ? stem : stem.slice(0, -1);
  }
  if (measure(stem) === 1 && endsCvc(stem)) return stem + "e";
  return stem;
}

function step1c(w: string): string {
  return w.endsWith("y") && hasVowel(w.slice(0, -1)) ? w.slice(0, -1) + "i" : w;
}

function step4(w: string): string {
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, w.length - suffix.length);
    if (measure(stem) <= 1) return w;
    if (suffix === "ion" && !(stem.endsWith("s") || stem.endsWith("t"))) return w;
    return stem;
  }
  return w;
}

function step5(w: string): string {
  if (w.endsWith("e")) {
    const stem = w.slice(0, -1), m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  if (w.endsWith("ll") && measure(w) > 1) w = w.slice(0, -1);
  return w;
}

const LETTERS = /^[a-z]+$/;

/** The Porter stem of one lower-case word (other strings and words of ≤ 2 letters unchanged). */
export function porterStem(word: string): string {
  if (word.length <= 2 || !LETTERS.test(word)) return word;
  let w = step1c(step1b(step1a(word)));
  const positive = (stem: string) => measure(stem) > 0;
  w = applyRules(w, STEP2, positive);
  w = applyRules(w, STEP3, positive);
  return step5(step4(w));
}
