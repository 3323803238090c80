/**
 * `deno task experiment <name> [--seed N] [--scale tiny|default|seed] [--out DIR] [--models DIR] [--db PATH]
 * [--<option> V]` — runs `experiments/<name>.ts`. An unknown or missing name lists the available
 * experiments, and an unknown flag (`--sede 3`) lists the experiment's allowed flags; both exit with
 * status 2. A bad flag value exits 1 with a one-line error.
 */
import { checkExperimentOptions, flagHelp, parseExperimentArgs } from "../lib/experiment/mod.ts";
import { type Experiment, runExperiment } from "../lib/experiment/mod.ts";
import { formatError, InputError } from "../lib/errors.ts";

const dir = new URL(".", import.meta.url);

/** Names of the experiments in this folder (every `<name>.ts` except the runner and tests). */
export function availableExperiments(): string[] {
  return [...Deno.readDirSync(dir)]
    .filter((e) =>
      e.isFile && e.name.endsWith(".ts") && e.name !== "run.ts" && !e.name.endsWith("_test.ts") &&
      !e.name.startsWith("_")
    )
    .map((e) => e.name.replace(/\.ts$/, ""))
    .sort();
}

async function main(): Promise<number> {
  const args = parseExperimentArgs(Deno.args);
  const names = availableExperiments();
  if (!args.name || !names.includes(args.name)) {
    console.error(
      `${
        args.name ? `Unknown experiment "${args.name}". ` : ""
      }Usage: deno task experiment <name> [--seed N] [--scale tiny|default|seed] [--out DIR] [--db PATH]\n` +
        `Available experiments: ${names.join(", ")}`,
    );
    return 2;
  }
  const mod = await import(new URL(`${args.name}.ts`, dir).href) as { experiment?: Experiment };
  if (!mod.experiment) throw new Error(`experiments/${args.name}.ts does not export "experiment"`);
  try {
    checkExperimentOptions(args.extra, mod.experiment.options);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(
      `${formatError(e)}\nUsage: deno task experiment ${args.name} [flags]\n${
        flagHelp(mod.experiment.options)
      }`,
    );
    return 2;
  }
  const outcome = await runExperiment(mod.experiment, {
    seed: args.seed,
    scale: args.scale,
    reportsDir: args.reportsDir,
    modelsDir: args.modelsDir,
    dbPath: args.dbPath,
    options: args.extra,
  });
  if (outcome.result.summary) console.log(`\n${outcome.result.summary}`);
  console.log(
    `\nReport:  ${outcome.reportPath}\nMetrics: ${outcome.metricsPath}\nLatest:  ${outcome.latestDir}/report.html`,
  );
  console.log(`Done in ${outcome.seconds.toFixed(1)} s.`);
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
