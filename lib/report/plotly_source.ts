/**
 * Locates and reads the plotly.js bundle (`plotly.js-dist-min/plotly.min.js` in node_modules) so reports
 * can inline it and open offline. The path is resolved through the module graph first, then relative to
 * the project root (two folders above this file), then the working directory.
 * @module
 */
import { NotFoundError } from "../errors.ts";

const RELATIVE = "plotly.js-dist-min/plotly.min.js";

/** Candidate paths for plotly.min.js, most specific first. */
export function plotlyCandidates(): string[] {
  const out: string[] = [];
  try {
    const resolved = import.meta.resolve(RELATIVE);
    if (resolved.startsWith("file:")) out.push(decodeURIComponent(new URL(resolved).pathname));
  } catch {
    // Not resolvable through the module graph (e.g. no node_modules mapping): fall through.
  }
  out.push(decodeURIComponent(new URL(`../../node_modules/${RELATIVE}`, import.meta.url).pathname));
  out.push(`${Deno.cwd()}/node_modules/${RELATIVE}`);
  return [...new Set(out)];
}

let cached: string | undefined;

/** Returns the plotly.js source (read once, then cached). Throws NotFoundError naming the paths tried. */
export function plotlySource(): string {
  if (cached !== undefined) return cached;
  const tried = plotlyCandidates();
  for (const path of tried) {
    try {
      cached = Deno.readTextFileSync(path);
      return cached;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  throw new NotFoundError(
    "plotly.js bundle",
    `looked for ${tried.join(", ")}; run \`npm install\` in the project root to install plotly.js-dist-min`,
  );
}
