/**
 * Tests that need an outside program (Chromium, redis-server, Jupyter) find it here, so that they all
 * skip the same way, and so that CI cannot skip them silently.
 *
 * - Found: `ignore` is false, `require()` returns its path.
 * - Missing on a developer machine: `ignore` is true (pass it as the test's `ignore`; Deno counts the
 *   test as ignored, `.ci/run` prints it as skipped) and one line says how to install it.
 * - Missing under CI (`CI=true`) as root, where `.ci/run` installs these tools: `ignore` is false, so
 *   the test runs, and `require()` in its body throws: the test FAILS, naming the tool and the package.
 *
 * @example
 * ```ts
 * import { findTool } from "./tools.ts";
 * const redis = findTool("redis-server", { install: "apt-get install -y redis-server" });
 * Deno.test({ name: "talks to redis", ignore: redis.ignore, fn() { const path = redis.require(); void path; } });
 * ```
 * @module
 */

/** Where {@link findTool} looks and what it says. */
export interface FindToolOptions {
  /** Absolute paths tried before PATH (e.g. `/usr/bin/chromium`). */
  readonly candidates?: readonly string[];
  /** How to install it, for the messages (e.g. `apt-get install -y chromium`). */
  readonly install?: string;
  /** The environment to read (`CI`, `PATH`); defaults to the process's. Settable for tests. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The user id; defaults to `Deno.uid()`. Settable for tests. */
  readonly uid?: number | null;
  /** Printed when the tool is missing and the test will be skipped; defaults to `console.warn`. */
  readonly log?: (line: string) => void;
}

/** The outcome of {@link findTool}. */
export interface Tool {
  readonly name: string;
  /** Absolute path of the program, or null when missing. */
  readonly path: string | null;
  /** Pass as `Deno.test({ ignore })`: true only when missing and skipping is allowed. */
  readonly ignore: boolean;
  /** True when a missing tool must fail the test (CI=true and root). */
  readonly strict: boolean;
  /** The path; throws (failing the test) when the tool is missing. Call it first in the test body. */
  require(): string;
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** True under CI (`CI=true`) as root: the tools must be there (see the module doc). */
export function toolsRequired(
  env: Readonly<Record<string, string | undefined>> = Deno.env.toObject(),
  uid: number | null = Deno.uid(),
): boolean {
  return env.CI === "true" && uid === 0;
}

/** Looks for `name` in `candidates`, then on PATH. */
export function findTool(name: string, options: FindToolOptions = {}): Tool {
  const env = options.env ?? Deno.env.toObject();
  const uid = options.uid === undefined ? Deno.uid() : options.uid;
  const dirs = (env.PATH ?? "").split(":").filter((d) => d !== "");
  const path = [...(options.candidates ?? []), ...dirs.map((d) => `${d}/${name}`)].find(isFile) ?? null;
  const strict = toolsRequired(env, uid);
  const install = options.install ? ` (${options.install})` : "";
  if (path === null && !strict) {
    (options.log ?? console.warn)(`SKIPPED: ${name} not found${install}; the tests that need it are ignored`);
  }
  return {
    name,
    path,
    ignore: path === null && !strict,
    strict,
    require(): string {
      if (path !== null) return path;
      throw new Error(
        `${name} is not installed${install}, and CI=true as root means the tools must be there: ` +
          "a test that needs it fails instead of skipping",
      );
    },
  };
}
