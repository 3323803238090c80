/**
 * Runs an experiment: builds its context (seed, scale, DuckDB session, progress, report), times it,
 * and writes `reports/<name>/<run-id>/{report.html, metrics.json}` plus a copy in
 * `reports/<name>/latest/`. Model artifacts go under `models/<name>/<run-id>/`.
 * @module
 */
import { Db } from "../data/db.ts";
import { InputError } from "../errors.ts";
import { writeJsonAtomic, writeTextAtomic } from "../io/atomic.ts";
import { consoleProgress, type Progress } from "../progress/mod.ts";
import { Report } from "../report/mod.ts";
import { checkExperimentOptions, type RunScale } from "./args.ts";

/** What an experiment receives. */
export interface ExperimentContext {
  readonly name: string;
  readonly seed: number;
  readonly scale: RunScale;
  readonly db: Db;
  readonly progress: Progress;
  /** The run's HTML report: add sections, tables and charts to it. */
  readonly report: Report;
  readonly runId: string;
  /** `reports/<name>/<run-id>` */
  readonly runDir: string;
  /** `models/<name>/<run-id>` (created on first save). */
  readonly modelDir: string;
  /** Extra `--key value` options from the command line. */
  readonly options: Readonly<Record<string, string>>;
  /** Saves a JSON artifact (a model, a calibrator) atomically under `modelDir`; returns its path. */
  saveArtifact(fileName: string, value: unknown): Promise<string>;
}

/** Metric values written to metrics.json: numbers, strings, or nested groups of them. */
export type MetricValue = number | string | boolean | null | MetricValue[] | { [k: string]: MetricValue };

/** What an experiment returns. */
export interface ExperimentResult {
  readonly metrics: Record<string, MetricValue>;
  /** One-paragraph summary printed at the end. */
  readonly summary?: string;
}

/** A runnable experiment: `experiments/<name>.ts` exports one as `experiment`. */
export interface Experiment {
  readonly name: string;
  readonly description: string;
  /** The extra `--key value` options it reads (name → one-line help); any other key is refused. */
  readonly options?: Readonly<Record<string, string>>;
  run(ctx: ExperimentContext): Promise<ExperimentResult>;
}

/** Options for {@link runExperiment}. */
export interface RunOptions {
  seed: number;
  scale: RunScale;
  reportsDir?: string;
  modelsDir?: string;
  dbPath?: string;
  options?: Record<string, string>;
  progress?: Progress;
  /** Fixed run id (tests); default is a UTC timestamp plus the seed. */
  runId?: string;
}

/** Where a finished run wrote its files. */
export interface RunOutcome {
  readonly runId: string;
  readonly reportPath: string;
  readonly metricsPath: string;
  readonly latestDir: string;
  readonly result: ExperimentResult;
  readonly seconds: number;
}

/** A run id: `20261123-101500-s42` (UTC). */
export function makeRunId(seed: number, now = new Date()): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}-s${seed}`;
}

/** Runs one experiment end to end and writes its report and metrics. */
export async function runExperiment(experiment: Experiment, opts: RunOptions): Promise<RunOutcome> {
  if (!/^[a-z0-9_-]+$/i.test(experiment.name)) {
    throw new InputError(
      "name",
      `experiment names use letters, digits, "_" and "-", got "${experiment.name}"`,
    );
  }
  checkExperimentOptions(opts.options ?? {}, experiment.options);
  const reportsDir = opts.reportsDir ?? "reports";
  const modelsDir = opts.modelsDir ?? "models";
  const runId = opts.runId ?? makeRunId(opts.seed);
  const runDir = `${reportsDir}/${experiment.name}/${runId}`;
  const modelDir = `${modelsDir}/${experiment.name}/${runId}`;
  const progress = opts.progress ?? consoleProgress({ prefix: `${experiment.name}: ` });
  const db = await Db.open(opts.dbPath ?? "data/lab.duckdb");
  const report = new Report({
    title: `${experiment.name}: ${experiment.description}`,
    subtitle: `run ${runId} · seed ${opts.seed} · scale ${opts.scale}`,
  });
  const ctx: ExperimentContext = {
    name: experiment.name,
    seed: opts.seed,
    scale: opts.scale,
    db,
    progress,
    report,
    runId,
    runDir,
    modelDir,
    options: opts.options ?? {},
    async saveArtifact(fileName, value) {
      const path = `${modelDir}/${fileName}`;
      await writeJsonAtomic(path, value);
      return path;
    },
  };
  const t0 = performance.now();
  let result: ExperimentResult;
  try {
    result = await experiment.run(ctx);
  } finally {
    db.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const metricsDoc = {
    experiment: experiment.name,
    runId,
    seed: opts.seed,
    scale: opts.scale,
    seconds: Math.round(seconds * 100) / 100,
    metrics: result.metrics,
  };
  const html = report.render();
  const metricsJson = JSON.stringify(metricsDoc, null, 2) + "\n";
  const reportPath = `${runDir}/report.html`, metricsPath = `${runDir}/metrics.json`;
  await writeTextAtomic(reportPath, html);
  await writeTextAtomic(metricsPath, metricsJson);
  const latestDir = `${reportsDir}/${experiment.name}/latest`;
  await replaceDir(latestDir, { "report.html": html, "metrics.json": metricsJson });
  return { runId, reportPath, metricsPath, latestDir, result, seconds };
}

/** Replaces a folder's contents atomically enough: write a sibling temp folder, then swap it in. */
async function replaceDir(dir: string, files: Record<string, string>): Promise<void> {
  const tmp = `${dir}.${Deno.pid}.tmp`;
  await Deno.remove(tmp, { recursive: true }).catch(() => {});
  await Deno.mkdir(tmp, { recursive: true });
  for (const [name, text] of Object.entries(files)) await Deno.writeTextFile(`${tmp}/${name}`, text);
  const old = `${dir}.${Deno.pid}.old`;
  const hadOld = await Deno.rename(dir, old).then(() => true, () => false);
  await Deno.rename(tmp, dir);
  if (hadOld) await Deno.remove(old, { recursive: true });
}
