/**
 * Parses the experiment CLI: `<name> [--seed N] [--scale tiny|default|seed] [--out DIR] [--db PATH]`.
 * @module
 */
import { InputError } from "../errors.ts";

/** Simulator scales: tiny for tests, default for notebooks and the demo, seed for the spec's sizes. */
export const SCALES = ["tiny", "default", "seed"] as const;
/** One of {@link SCALES}. */
export type RunScale = typeof SCALES[number];

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
