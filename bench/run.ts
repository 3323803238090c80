/**
 * `deno task bench <name> [--flag value ...]`: runs `bench/<name>.ts` (which exports `main(args)` and
 * `flags`, the flags it reads: name → one-line help). Lists the available benchmarks and exits 2 for an
 * unknown name; an unknown flag (`--quik`) exits 2 too, listing the bench's flags. A failing bench
 * exits 1 with a one-line error.
 */
import { formatError, InputError } from "../lib/errors.ts";
import { requireKnownKeys } from "../lib/validate.ts";

const dir = new URL(".", import.meta.url);

/** The benchmarks: every `bench/<name>.ts` but the runner, helpers (`common.ts`, `_*.ts`) and tests. */
export function availableBenches(): string[] {
  return [...Deno.readDirSync(dir)]
    .filter((e) =>
      e.isFile && e.name.endsWith(".ts") && !["run.ts", "common.ts"].includes(e.name) &&
      !e.name.endsWith("_test.ts") && !e.name.startsWith("_")
    )
    .map((e) => e.name.replace(/\.ts$/, ""))
    .sort();
}

/** The `--name` flags in a bench's arguments (`--name value` or `--name=value`), in order. */
export function flagNames(args: readonly string[]): string[] {
  return args.filter((a) => a.startsWith("--")).map((a) => a.slice(2).split("=")[0]!);
}

/**
 * Throws an {@link InputError} naming the first flag of `args` not declared in `flags`, listing them
 * (with a did-you-mean for a near miss).
 */
export function checkBenchFlags(
  bench: string,
  args: readonly string[],
  flags: Readonly<Record<string, string>>,
): void {
  const given = Object.fromEntries(flagNames(args).map((n) => [n, true]));
  try {
    requireKnownKeys(given, Object.keys(flags));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const near = /did you mean "([^"]+)"/.exec(e.message)?.[1];
    const allowed = Object.keys(flags).map((k) => `--${k}`).join(", ") || "none";
    throw new InputError(
      `--${e.field}`,
      `unknown flag for bench ${bench}${near ? ` (did you mean --${near}?)` : ""}; allowed: ${allowed}`,
    );
  }
}

/** Usage lines of a bench's flags. */
export function benchFlagHelp(flags: Readonly<Record<string, string>>): string {
  const names = Object.keys(flags);
  if (names.length === 0) return "  (no flags)";
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return names.map((n) => `  --${n.padEnd(width)}${flags[n]}`).join("\n");
}

async function main(): Promise<number> {
  const available = availableBenches();
  const [name, ...rest] = Deno.args;
  if (!name || !available.includes(name)) {
    console.error(
      `${name ? `Unknown benchmark "${name}". ` : ""}Usage: deno task bench <name> [options]\nAvailable: ${
        available.join(", ") || "(none yet)"
      }`,
    );
    return 2;
  }
  const mod = await import(new URL(`${name}.ts`, dir).href) as {
    main(args: string[]): Promise<void>;
    flags?: Readonly<Record<string, string>>;
  };
  try {
    checkBenchFlags(name, rest, mod.flags ?? {});
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(
      `${formatError(e)}\nUsage: deno task bench ${name} [flags]\n${benchFlagHelp(mod.flags ?? {})}`,
    );
    return 2;
  }
  await mod.main(rest);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (e) {
    console.error(formatError(e));
    Deno.exit(1);
  }
}
