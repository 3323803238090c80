/**
 * `deno task bench <name>`: runs `bench/<name>.ts` (which exports `main(args)`).
 * Lists the available benchmarks and exits non-zero for an unknown name.
 */
import { formatError } from "../lib/errors.ts";

const dir = new URL(".", import.meta.url);
const available = [...Deno.readDirSync(dir)]
  .filter((e) =>
    e.isFile && e.name.endsWith(".ts") && !["run.ts", "common.ts"].includes(e.name) &&
    !e.name.endsWith("_test.ts")
  )
  .map((e) => e.name.replace(/\.ts$/, ""))
  .sort();

const [name, ...rest] = Deno.args;
if (!name || !available.includes(name)) {
  console.error(
    `${name ? `Unknown benchmark "${name}". ` : ""}Usage: deno task bench <name> [options]\nAvailable: ${
      available.join(", ") || "(none yet)"
    }`,
  );
  Deno.exit(2);
}
try {
  const mod = await import(new URL(`${name}.ts`, dir).href);
  await mod.main(rest);
} catch (e) {
  console.error(formatError(e));
  Deno.exit(1);
}
