/**
 * The project's dependency rules, checked over the source tree (see `import_rules_test.ts`):
 *
 * 1. `lib/` imports nothing outside `lib/` (the engine never imports a simulator or a face).
 * 2. `sim/` imports only `lib/` and `sim/`.
 * 3. A private file (name starting with `_`) is imported only from its own folder: another module
 *    reaches a module through its public files, never through its internals.
 * 4. Faces (`experiments/`, `bench/`, `notebooks/`, `server/`, `scripts/`) reach `lib/` only through
 *    module doors: a `mod.ts` file, or a single-file module directly under `lib/` (`lib/errors.ts`).
 * 5. Nothing imports a face, except a face of the same kind (a bench helper from a bench).
 *
 * Imports are read as text (`import … from "…"`, `export … from "…"`, `import("…")`, `import "…"`),
 * in TypeScript files and in the code cells of notebooks. Bare specifiers (`npm:` packages, `node:`
 * built-ins, mapped packages) are outside these rules.
 *
 * @example
 * ```ts
 * import { checkImport } from "./import_rules.ts";
 * const problem = checkImport("sim/dispatch/simulator.ts", "experiments/demo.ts");
 * if (problem === undefined) throw new Error("sim/ must not import a face");
 * ```
 * @module
 */

/** Top-level folders that are faces: they compose the engine and define no engine logic. */
export const FACE_DIRS: readonly string[] = ["experiments", "bench", "notebooks", "server", "scripts"];

/** One import that breaks a rule. */
export interface ImportViolation {
  /** Importing file, relative to the project root. */
  readonly file: string;
  /** Imported file, relative to the project root. */
  readonly target: string;
  /** Which rule, in words. */
  readonly rule: string;
}

const IMPORT_PATTERNS: readonly RegExp[] = [
  /\b(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\bimport\s+["']([^"']+)["']/g,
];

/** Relative specifiers imported by a source text (bare and URL specifiers are left out). */
export function relativeImports(source: string): string[] {
  const out = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const m of source.matchAll(pattern)) {
      const spec = m[1]!;
      if (spec.startsWith("./") || spec.startsWith("../")) out.add(spec);
    }
  }
  return [...out];
}

/** Resolves `spec` against the folder of `file` (both relative to the root); undefined if it leaves the root. */
export function resolveImport(file: string, spec: string): string | undefined {
  const parts = file.split("/").slice(0, -1);
  for (const piece of spec.split("/")) {
    if (piece === "." || piece === "") continue;
    if (piece === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(piece);
  }
  return parts.join("/");
}

function top(path: string): string {
  return path.split("/")[0]!;
}

function folder(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The rule that importing `target` from `file` breaks, or undefined when it is allowed. */
export function checkImport(file: string, target: string): string | undefined {
  const from = top(file);
  const to = top(target);
  if (from === "lib" && to !== "lib") return "lib/ imports nothing outside lib/";
  if (from === "sim" && to !== "lib" && to !== "sim") return "sim/ imports only lib/ and sim/";
  if (baseName(target).startsWith("_") && folder(target) !== folder(file)) {
    return "a private _ file is imported only from its own folder";
  }
  if (FACE_DIRS.includes(to) && from !== to) {
    return "nothing imports a face (other than a face of the same kind)";
  }
  if (FACE_DIRS.includes(from) && to === "lib") {
    const depth = target.split("/").length;
    if (baseName(target) !== "mod.ts" && depth !== 2) {
      return "faces import lib/ through mod.ts doors (or a single-file module directly under lib/)";
    }
  }
  return undefined;
}

/** Source text of a file for import scanning: a notebook's code cells, or the file itself. */
export function importableSource(path: string, text: string): string {
  if (!path.endsWith(".ipynb")) return text;
  const nb = JSON.parse(text) as { cells?: { cell_type?: string; source?: string | string[] }[] };
  return (nb.cells ?? [])
    .filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source ?? ""))
    .join("\n");
}

/** Every violation in the given files (`files` maps a root-relative path to its text). */
export function findViolations(files: ReadonlyMap<string, string>): ImportViolation[] {
  const out: ImportViolation[] = [];
  for (const [file, text] of files) {
    for (const spec of relativeImports(importableSource(file, text))) {
      const target = resolveImport(file, spec);
      if (target === undefined) {
        out.push({ file, target: spec, rule: "import leaves the project root" });
        continue;
      }
      const rule = checkImport(file, target);
      if (rule !== undefined) out.push({ file, target, rule });
    }
  }
  return out;
}
