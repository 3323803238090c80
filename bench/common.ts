/**
 * Shared benchmark helpers: machine facts, peak RSS, timing, result files and the README tables.
 * Every benchmark writes `bench/results/<name>.json` and replaces the README block between
 * `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->` with its markdown table.
 * @module
 */
import process from "node:process";
import { writeJsonAtomic, writeTextAtomic } from "../lib/io/mod.ts";

/** Machine description printed beside every table. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  deno: string;
  v8: string;
  date: string;
}

/** Reads CPU model, core count, memory and versions. */
export function machineInfo(): MachineInfo {
  let cpu = "unknown";
  try {
    const m = Deno.readTextFileSync("/proc/cpuinfo").match(/model name\s*:\s*(.+)/);
    if (m) cpu = m[1]!.trim();
  } catch { /* not Linux */ }
  return {
    cpu,
    cores: navigator.hardwareConcurrency,
    memoryGiB: Math.round(Deno.systemMemoryInfo().total / 2 ** 30),
    os: `${Deno.build.os} ${Deno.build.arch}`,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** Peak resident set size of this process in MiB (VmHWM), or current RSS where /proc is absent. */
export function peakRssMiB(): number {
  try {
    const m = Deno.readTextFileSync("/proc/self/status").match(/VmHWM:\s*(\d+)\s*kB/);
    if (m) return Number(m[1]) / 1024;
  } catch { /* not Linux */ }
  return Deno.memoryUsage().rss / 2 ** 20;
}

/** Times an async or sync function; returns its result and seconds. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ result: T; seconds: number }> {
  const t0 = performance.now();
  const result = await fn();
  return { result, seconds: (performance.now() - t0) / 1000 };
}

/** Runs `fn`; returns its result with wall seconds and CPU seconds (user + system, all threads). */
export function timedCpu<T>(fn: () => T): { result: T; seconds: number; cpuSeconds: number } {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const result = fn();
  const seconds = (performance.now() - t0) / 1000, c = process.cpuUsage(c0);
  return { result, seconds, cpuSeconds: (c.user + c.system) / 1e6 };
}

/**
 * Runs a fit `repeats` times: the last result, the best wall and CPU seconds, and every run's wall
 * seconds as text (on a shared machine the best run is the least disturbed one; the Python references
 * report theirs the same way, see `reference/gbdt_reference.py` `best_fit`).
 */
export function bestFit<T>(
  repeats: number,
  fit: () => T,
): { result: T; seconds: number; cpuSeconds: number; runs: string } {
  let result!: T, seconds = Infinity, cpuSeconds = Infinity;
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = timedCpu(fit);
    result = t.result;
    runs.push(t.seconds);
    seconds = Math.min(seconds, t.seconds);
    cpuSeconds = Math.min(cpuSeconds, t.cpuSeconds);
  }
  return { result, seconds, cpuSeconds, runs: runs.map((r) => r.toFixed(2)).join(", ") };
}

/** Formats a markdown table from a header row and data rows. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const fmt = (v: string | number) => typeof v === "number" ? formatNumber(v) : v;
  const lines = [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(fmt).join(" | ")} |`),
  ];
  return lines.join("\n");
}

/** Mean of `values` and its standard error (sample sd / √n; 0 with fewer than two values). */
export function meanAndStandardError(values: ArrayLike<number>): { mean: number; se: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  if (n < 2) return { mean, se: 0 };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (n - 1) / n) };
}

/** Compact number formatting for tables. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(4);
}

/** Runs a Python reference script with /usr/bin/python3 if present; returns parsed JSON stdout or null. */
export async function runPythonReference(script: string, args: string[] = []): Promise<unknown | null> {
  try {
    const out = await new Deno.Command("/usr/bin/python3", {
      args: ["-c", script, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      console.error(`[bench] python reference failed: ${new TextDecoder().decode(out.stderr).slice(-500)}`);
      return null;
    }
    return JSON.parse(new TextDecoder().decode(out.stdout));
  } catch {
    return null;
  }
}

/**
 * `readme` with the benchmark block for `name` (`block` holds its start and end markers) in place: an
 * existing block is replaced; a new one goes at the end of the "## Benchmarks" section, under a
 * `### name` heading (the section is created at the end of the README when missing).
 */
export function withBenchBlock(readme: string, name: string, block: string): string {
  const start = `<!-- bench:${name}:start -->`, end = `<!-- bench:${name}:end -->`;
  const i = readme.indexOf(start), j = readme.indexOf(end);
  if (i >= 0 && j > i) return readme.slice(0, i) + block + readme.slice(j + end.length);
  const heading = "\n## Benchmarks\n";
  if (!`\n${readme}`.includes(heading)) {
    const head = readme === "" ? "" : `${readme.replace(/\n*$/, "\n")}\n`;
    return `${head}## Benchmarks\n\n### ${name}\n\n${block}\n`;
  }
  const section = `\n${readme}`.indexOf(heading); // index in readme of the heading line
  const next = readme.indexOf("\n## ", section + 1);
  const at = next < 0 ? readme.length : next + 1;
  const before = readme.slice(0, at).replace(/\n*$/, "\n\n");
  return `${before}### ${name}\n\n${block}\n${next < 0 ? "" : "\n"}${readme.slice(at)}`;
}

/**
 * Writes `bench/results/<name>.json` (results + machine) and puts `markdown`, prefixed by the machine
 * line, into the README block for `name` ({@link withBenchBlock}).
 */
export async function publish(name: string, results: unknown, markdown: string): Promise<void> {
  const machine = machineInfo();
  await writeJsonAtomic(`bench/results/${name}.json`, { name, machine, results });
  const block =
    `<!-- bench:${name}:start -->\n_Measured ${machine.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Deno ${machine.deno}._\n\n${markdown}\n<!-- bench:${name}:end -->`;
  let readme = "";
  try {
    readme = await Deno.readTextFile("README.md");
  } catch { /* no README yet */ }
  await writeTextAtomic("README.md", withBenchBlock(readme, name, block));
  console.log(`\n${markdown}\n\n[bench] wrote bench/results/${name}.json and the README table`);
}

/**
 * {@link publish} for a full run; for a `--quick` run (smaller sizes, figures not for the README) writes
 * `bench/results/<name>_quick.json` (git-ignored) and prints the table, leaving the README untouched.
 */
export async function publishUnlessQuick(
  name: string,
  results: unknown,
  markdown: string,
  quick: boolean,
): Promise<void> {
  if (!quick) return await publish(name, results, markdown);
  await writeJsonAtomic(`bench/results/${name}_quick.json`, results);
  console.log(`\n${markdown}\n\n[bench] wrote bench/results/${name}_quick.json (README untouched)`);
}
