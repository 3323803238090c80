/**
 * Parses the experiment CLI:
 * `<name> [--seed N] [--scale tiny|default|seed] [--out DIR] [--models DIR] [--db PATH] [--<option> V]`.
 *
 * - `--out DIR`: root folder for reports (default "reports"); `--reports DIR` is an alias.
 * - `--models DIR`: root folder for model artifacts (default "models").
 * - `--db PATH`: the DuckDB file (default "data/lab.duckdb"; ":memory:" allowed).
 * - any other `--key value` is an experiment option, kept in `extra`; the runner refuses keys the
 *   experiment does not declare ({@link checkExperimentOptions}), listing the allowed flags.
 * @module
 */
import { InputError } from "../errors.ts";
import { requireKnownKeys } from "../validate.ts";

/** Simulator scales: tiny for tests, default for notebooks and the demo, seed for the spec's sizes. */
export const SCALES = ["tiny", "default", "seed"] as const;
/** One of {@link SCALES}. */
export type RunScale = typeof SCALES[number];

/** The flags every experiment takes, with their one-line help (experiment options come on top). */
export const COMMON_FLAGS: Readonly<Record<string, string>> = {
  seed: "integer in [0, 4294967295] (default 42)",
  scale: 'tiny | default | seed (default "default")',
  out: 'root folder for reports (default "reports"; alias --reports)',
  reports: "alias of --out",
  models: 'root folder for model artifacts (default "models")',
  db: 'DuckDB file (default "data/lab.duckdb"; ":memory:" allowed)',
};

/** The usage text of an experiment: its allowed flags, common ones first, each with its help. */
export function flagHelp(options: Readonly<Record<string, string>> = {}): string {
  const all = { ...COMMON_FLAGS, ...options };
  const width = Math.max(...Object.keys(all).map((k) => k.length)) + 2;
  return Object.entries(all).map(([k, doc]) => `  --${k.padEnd(width)}${doc}`).join("\n");
}

/**
 * Throws an {@link InputError} naming the first `--flag` in `extra` that the experiment does not declare
 * in `allowed` (its options: name → help), listing every allowed flag.
 */
export function checkExperimentOptions(
  extra: Readonly<Record<string, string>>,
  allowed: Readonly<Record<string, string>> = {},
): void {
  const names = [...Object.keys(COMMON_FLAGS), ...Object.keys(allowed)];
  try {
    // common flags never reach `extra`; listing them lets `--sede` suggest `--seed`
    requireKnownKeys(extra, names);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const near = /did you mean "([^"]+)"/.exec(e.message)?.[1];
    throw new InputError(
      `--${e.field}`,
      `unknown flag${near ? ` (did you mean --${near}?)` : ""}; allowed: ${
        names.map((k) => `--${k}`).join(", ")
      }`,
    );
  }
}

/** Parsed experiment arguments. */
export interface ExperimentArgs {
  name?: string;
  seed: number;
  scale: RunScale;
  /** Root folder for reports (default "reports"). */
  reportsDir: string;
  /** Root folder for model artifacts (default "models"). */
  modelsDir: string;
  /** DuckDB file (default "data/lab.duckdb"; ":memory:" allowed). */
  dbPath: string;
  /** Extra `--key value` options passed through to the experiment. */
  extra: Record<string, string>;
}

/**
 * Parses argv. Throws InputError naming the flag on a bad value.
 *
 * @example
 * ```ts
 * import { parseExperimentArgs } from "./args.ts";
 * parseExperimentArgs(["demo", "--seed", "7"]).seed; // 7
 * ```
 */
export function parseExperimentArgs(argv: readonly string[]): ExperimentArgs {
  const out: ExperimentArgs = {
    seed: 42,
    scale: "default",
    reportsDir: "reports",
    modelsDir: "models",
    dbPath: "data/lab.duckdb",
    extra: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      if (out.name !== undefined) {
        throw new InputError("name", `only one experiment name is allowed, got "${out.name}" and "${a}"`);
      }
      out.name = a;
      continue;
    }
    const eq = a.indexOf("=");
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
    if (eq < 0) i++;
    if (value === undefined || (eq < 0 && value.startsWith("--"))) {
      throw new InputError(`--${key}`, "needs a value");
    }
    switch (key) {
      case "seed": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n > 4294967295) {
          throw new InputError("--seed", `must be an integer in [0, 4294967295], got "${value}"`);
        }
        out.seed = n;
        break;
      }
      case "scale":
        if (!(SCALES as readonly string[]).includes(value)) {
          throw new InputError("--scale", `must be one of ${SCALES.join(", ")}, got "${value}"`);
        }
        out.scale = value as RunScale;
        break;
      case "out":
      case "reports":
        out.reportsDir = value;
        break;
      case "models":
        out.modelsDir = value;
        break;
      case "db":
        out.dbPath = value;
        break;
      default:
        out.extra[key] = value;
    }
    value = undefined;
  }
  return out;
}
