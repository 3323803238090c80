/**
 * Simulator benchmark: for each domain, time to generate a run at the given scale (default `seed`), land
 * it in bronze (in-memory DuckDB) and build its gold features, plus the peak RSS of doing so. Each domain
 * runs in its own subprocess (`deno run -A bench/sim.ts --domain X`) so peak RSS is per domain.
 * Domains whose simulator or features module is missing are skipped with a note.
 *
 * Targets: offers generate + featurise < 60 s and < 2 GiB; dispatch generate (500k offers) < 20 s.
 *
 * Usage: `deno task bench sim [--scale seed|default|tiny] [--domains offers,feed]`
 * @module
 */
import { Db } from "../lib/data/mod.ts";
import { formatError } from "../lib/errors.ts";
import { markdownTable, peakRssMiB, publish } from "./common.ts";

/** Domains in report order. */
export const SIM_DOMAINS = ["dispatch", "pricing", "fulfillment", "offers", "feed"] as const;

/** Arguments of each domain's gold build(s) after `db`. */
const GOLD_CALLS: Record<string, unknown[][]> = {
  dispatch: [[]],
  pricing: [[], ["demand"]],
  fulfillment: [[]],
  // Features as of day 120 of the 180-day history; rows are the next 60 days of offer assignments.
  offers: [[{ asOf: "2025-10-28", rowDays: 60 }]],
  feed: [[]],
};

/** Targets checked by the benchmark: [measure, limit] per domain. */
const TARGETS: Record<string, { seconds?: [keyof DomainResult, number]; rssMiB?: number }> = {
  offers: { seconds: ["totalSeconds", 60], rssMiB: 2048 },
  dispatch: { seconds: ["generateSeconds", 20] },
};

/** One domain's measurements. */
export interface DomainResult {
  domain: string;
  scale: string;
  status: "ok" | "skipped" | "failed";
  note?: string;
  sizes?: Record<string, number>;
  goldRows?: number;
  generateSeconds?: number;
  bronzeSeconds?: number;
  goldSeconds?: number;
  totalSeconds?: number;
  peakRssMiB?: number;
  target?: string;
  targetMet?: boolean;
}

interface SimLike {
  name: string;
  generate(opts: { seed: number; scale: string }): {
    tables: Record<string, unknown>;
    meta: { sizes: Record<string, number> };
  };
}

const secondsSince = (t0: number) => (performance.now() - t0) / 1000;

async function tryImport(path: string): Promise<Record<string, unknown> | null> {
  try {
    await Deno.stat(new URL(path, import.meta.url));
  } catch {
    return null;
  }
  return await import(new URL(path, import.meta.url).href);
}

/** Runs one domain in this process and returns its measurements. */
export async function runDomain(domain: string, scale: string): Promise<DomainResult> {
  const simMod = await tryImport(`../sim/${domain}/mod.ts`);
  const featMod = await tryImport(`../lib/domains/${domain}/mod.ts`);
  if (!simMod) return { domain, scale, status: "skipped", note: `sim/${domain} not present` };
  const sim = Object.values(simMod).find((v): v is SimLike =>
    typeof v === "object" && v !== null && (v as SimLike).name === domain && typeof (v as SimLike).generate === "function"
  );
  if (!sim) return { domain, scale, status: "skipped", note: `sim/${domain}/mod.ts exports no simulator named "${domain}"` };
  const { writeBronze } = await import("../sim/common/mod.ts");
  const t0 = performance.now();
  const out = sim.generate({ seed: 42, scale });
  const generateSeconds = secondsSince(t0);
  const db = await Db.open(":memory:");
  try {
    const t1 = performance.now();
    await writeBronze(db, domain, out as never);
    const bronzeSeconds = secondsSince(t1);
    let goldSeconds = 0, goldRows = 0;
    let note: string | undefined;
    const buildGold = featMod?.buildGold as ((db: Db, ...args: unknown[]) => Promise<{ rows: number }>) | undefined;
    if (buildGold) {
      const t2 = performance.now();
      for (const args of GOLD_CALLS[domain] ?? [[]]) goldRows += (await buildGold(db, ...args)).rows;
      goldSeconds = secondsSince(t2);
    } else note = `lib/domains/${domain} has no buildGold; gold not timed`;
    const result: DomainResult = {
      domain,
      scale,
      status: "ok",
      sizes: out.meta.sizes,
      goldRows,
      generateSeconds,
      bronzeSeconds,
      goldSeconds,
      totalSeconds: generateSeconds + bronzeSeconds + goldSeconds,
      peakRssMiB: peakRssMiB(),
    };
    if (note) result.note = note;
    return result;
  } finally {
    db.close();
  }
}

function checkTarget(r: DomainResult): DomainResult {
  const t = TARGETS[r.domain];
  if (!t || r.status !== "ok") return r;
  const parts: string[] = [];
  let met = true;
  if (t.seconds) {
    const [key, limit] = t.seconds;
    parts.push(`${key === "totalSeconds" ? "total" : "generate"} < ${limit} s`);
    met &&= (r[key] as number) < limit;
  }
  if (t.rssMiB) {
    parts.push(`peak RSS < ${t.rssMiB} MiB`);
    met &&= (r.peakRssMiB ?? Infinity) < t.rssMiB;
  }
  return { ...r, target: parts.join(", "), targetMet: met };
}

async function runChild(domain: string, scale: string): Promise<DomainResult> {
  const script = new URL(import.meta.url).pathname;
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, "--domain", domain, "--scale", scale],
    stdout: "piped",
    stderr: "piped",
  });
  const res = await cmd.output();
  const stdout = new TextDecoder().decode(res.stdout);
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!res.success || !line) {
    const err = new TextDecoder().decode(res.stderr).trim().split("\n").slice(-3).join(" ");
    return { domain, scale, status: "failed", note: err.slice(0, 300) || `exit code ${res.code}` };
  }
  return JSON.parse(line.slice("RESULT ".length)) as DomainResult;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Entry point: parent mode runs every domain in a subprocess; `--domain X` measures one domain. */
export async function main(args: string[]): Promise<void> {
  const scale = option(args, "scale") ?? "seed";
  const single = option(args, "domain");
  if (single) {
    console.log(`RESULT ${JSON.stringify(await runDomain(single, scale))}`);
    return;
  }
  const domains = (option(args, "domains") ?? SIM_DOMAINS.join(",")).split(",").filter(Boolean);
  const results: DomainResult[] = [];
  for (const d of domains) {
    console.error(`[bench sim] ${d} at scale ${scale} …`);
    const r = checkTarget(await runChild(d, scale));
    console.error(`[bench sim] ${d}: ${r.status}${r.totalSeconds !== undefined ? ` ${r.totalSeconds.toFixed(1)} s, ${r.peakRssMiB?.toFixed(0)} MiB` : ""}${r.note ? ` (${r.note})` : ""}`);
    results.push(r);
  }
  const fmt = (v: number | undefined, digits = 1) => (v === undefined ? "–" : v.toFixed(digits));
  const rowsOf = (r: DomainResult) => {
    const s = r.sizes ?? {};
    const keys = Object.keys(s).filter((k) => !["days", "stores", "topics", "impressionsPerCustomer", "impressionsPerUser"].includes(k));
    return keys.slice(0, 6).map((k) => `${k} ${s[k]!.toLocaleString("en-US")}`).join(", ");
  };
  const table = markdownTable(
    ["domain", "scale", "sizes", "gold rows", "generate s", "bronze s", "gold s", "total s", "peak RSS MiB", "target"],
    results.map((r) => [
      r.domain,
      r.scale,
      r.status === "ok" ? rowsOf(r) : `${r.status}: ${r.note ?? ""}`,
      r.goldRows ?? "–",
      fmt(r.generateSeconds),
      fmt(r.bronzeSeconds),
      fmt(r.goldSeconds),
      fmt(r.totalSeconds),
      fmt(r.peakRssMiB, 0),
      r.target ? `${r.target}: ${r.targetMet ? "met" : "NOT met"}` : "–",
    ]),
  );
  await publish("sim", results, `${table}\n\nEach domain runs in its own process (seed 42); peak RSS is that process's VmHWM.`);
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (e) {
    console.error(formatError(e));
    Deno.exit(1);
  }
}
