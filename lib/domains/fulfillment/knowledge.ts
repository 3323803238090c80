/**
 * The fulfillment policy knowledge base: the markdown policies under `knowledge/` parsed into clauses
 * with stable ids, and searched with BM25 (`lib/text`).
 *
 * A policy file is markdown with a front matter block and numbered sections of clauses:
 *
 * ```md
 * ---
 * prefix: SHIP          (upper-case letters; every clause id of the file starts with it)
 * policy: shipment      (lower-case name of the policy area)
 * title: Shipment delays and carrier escalation
 * version: 2026-12-01
 * ---
 * ## 3. Expediting critical shipments
 * ### SHIP-3.1 Upgrade to air freight
 * Clause text, one or more paragraphs, up to the next heading.
 * ```
 *
 * Validation (a {@link ModelFormatError} naming the file, the line and what is wrong): the front matter
 * and its four keys (two files may share a prefix); a `###` heading must be a clause `PREFIX-S.N Title` whose prefix is the file's and
 * whose section number S is that of the `## S.` section it stands in; clause text must not be empty;
 * a clause id may appear once in the whole knowledge base (a duplicate names the id and both places).
 *
 * A clause is indexed as its section title, its own title and its text.
 *
 * @example
 * ```ts ignore
 * const kb = await loadKnowledgeBase();
 * kb.search("heavy parcel cannot fly", { policy: "shipment", k: 3 }).map((h) => h.clause.id);
 * ```
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModelFormatError, NotFoundError } from "../../errors.ts";
import { Bm25Index, type Bm25Params, TermOverlapIndex } from "../../text/mod.ts";

/** One policy clause. */
export interface PolicyClause {
  /** Stable id, e.g. `SHIP-3.2`. */
  readonly id: string;
  /** Policy area of its file, e.g. `shipment`. */
  readonly policy: string;
  /** Title of the clause heading. */
  readonly title: string;
  /** Title of the section it stands in. */
  readonly section: string;
  /** Clause text: paragraphs separated by a blank line, each on one line. */
  readonly text: string;
  /** File it comes from, as given to the parser. */
  readonly file: string;
  /** 1-based line of its heading. */
  readonly line: number;
}

/** One parsed policy file. */
export interface PolicyDocument {
  readonly file: string;
  readonly prefix: string;
  readonly policy: string;
  readonly title: string;
  readonly version: string;
  readonly clauses: readonly PolicyClause[];
}

/** One knowledge-base search hit. */
export interface KnowledgeHit {
  readonly clause: PolicyClause;
  readonly score: number;
}

/** Options of {@link KnowledgeBase.search}. */
export interface KnowledgeSearchOptions {
  /** Maximum hits (default 5). */
  readonly k?: number;
  /** Only clauses of this policy area (or these areas). */
  readonly policy?: string | readonly string[];
  /** `bm25` (default) or the `overlap` baseline. */
  readonly ranker?: "bm25" | "overlap";
}

/** The `knowledge/` folder of this repository. */
export const DEFAULT_KNOWLEDGE_DIR: string = fileURLToPath(new URL("../../../knowledge/", import.meta.url));

const FRONT_KEYS = ["prefix", "policy", "title", "version"] as const;
const CLAUSE_HEADING = /^###\s+([A-Z]+)-(\d+)\.(\d+)\s+(\S.*)$/;
const SECTION_HEADING = /^##\s+(\d+)\.\s+(\S.*)$/;

function formatError(file: string, line: number, problem: string): ModelFormatError {
  return new ModelFormatError(`Policy file ${file}, line ${line}: ${problem}`, file);
}

/** Parses one policy file's markdown; `file` names it in errors. */
export function parsePolicyDocument(markdown: string, file: string): PolicyDocument {
  const lines = markdown.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") throw formatError(file, 1, 'must start with a front matter block ("---")');
  const front = new Map<string, string>();
  let i = 1;
  for (; i < lines.length && lines[i]!.trim() !== "---"; i++) {
    if (lines[i]!.trim() === "") continue;
    const m = lines[i]!.match(/^([a-z]+):\s*(.*\S)\s*$/);
    if (!m) throw formatError(file, i + 1, `front matter line must be "key: value", got "${lines[i]}"`);
    front.set(m[1]!, m[2]!);
  }
  if (i >= lines.length) throw formatError(file, 1, "front matter block is not closed");
  for (const key of FRONT_KEYS) {
    if (!front.has(key)) throw formatError(file, i + 1, `front matter lacks "${key}"`);
  }
  const prefix = front.get("prefix")!, policy = front.get("policy")!;
  if (!/^[A-Z]+$/.test(prefix)) {
    throw formatError(file, 1, `prefix must be upper-case letters, got "${prefix}"`);
  }
  if (!/^[a-z]+$/.test(policy)) {
    throw formatError(file, 1, `policy must be lower-case letters, got "${policy}"`);
  }

  const clauses: PolicyClause[] = [];
  const seen = new Map<string, number>();
  let section: { number: number; title: string } | null = null;
  let open: { id: string; title: string; line: number; body: string[] } | null = null;
  const close = () => {
    if (!open) return;
    const text = open.body.join("\n").split(/\n\s*\n/).map((p) => p.trim().replace(/\s+/g, " "))
      .filter((p) => p !== "").join("\n\n");
    if (text === "") throw formatError(file, open.line, `clause ${open.id} has no text`);
    clauses.push({
      id: open.id,
      policy,
      title: open.title,
      section: section!.title,
      text,
      file,
      line: open.line,
    });
    open = null;
  };
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j]!, n = j + 1;
    if (/^#{1,3}\s/.test(line)) close();
    if (line.startsWith("### ")) {
      const m = line.match(CLAUSE_HEADING);
      if (!m) {
        throw formatError(
          file,
          n,
          `a clause heading must read "### ${prefix}-<section>.<n> Title", got "${line}"`,
        );
      }
      const id = `${m[1]}-${Number(m[2])}.${Number(m[3])}`;
      if (m[1] !== prefix) {
        throw formatError(file, n, `clause ${id} does not use the file's prefix ${prefix}`);
      }
      if (!section) throw formatError(file, n, `clause ${id} stands before any "## <n>. Section" heading`);
      if (Number(m[2]) !== section.number) {
        throw formatError(file, n, `clause ${id} stands in section ${section.number} ("${section.title}")`);
      }
      const before = seen.get(id);
      if (before !== undefined) {
        throw formatError(file, n, `duplicate clause id ${id} (first at line ${before})`);
      }
      seen.set(id, n);
      open = { id, title: m[4]!.trim(), line: n, body: [] };
    } else if (line.startsWith("## ")) {
      const m = line.match(SECTION_HEADING);
      if (!m) throw formatError(file, n, `a section heading must read "## <n>. Title", got "${line}"`);
      section = { number: Number(m[1]), title: m[2]!.trim() };
    } else if (open) {
      open.body.push(line);
    }
  }
  close();
  if (clauses.length === 0) throw formatError(file, lines.length, "has no clause");
  return { file, prefix, policy, title: front.get("title")!, version: front.get("version")!, clauses };
}

/** The clauses of every policy file, searchable. Build with {@link KnowledgeBase.from}. */
export class KnowledgeBase {
  /** The parsed documents, in the order given. */
  readonly documents: readonly PolicyDocument[];
  /** Every clause, in document order. */
  readonly clauses: readonly PolicyClause[];
  readonly #byId: ReadonlyMap<string, PolicyClause>;
  readonly #bm25: Bm25Index;
  readonly #overlap: TermOverlapIndex;

  private constructor(documents: readonly PolicyDocument[], bm25?: Partial<Bm25Params>) {
    this.documents = documents;
    this.clauses = documents.flatMap((d) => d.clauses);
    const byId = new Map<string, PolicyClause>();
    for (const c of this.clauses) {
      const first = byId.get(c.id);
      if (first) {
        throw new ModelFormatError(
          `Duplicate clause id ${c.id}: ${first.file} line ${first.line} and ${c.file} line ${c.line}`,
          c.file,
        );
      }
      byId.set(c.id, c);
    }
    this.#byId = byId;
    const docs = this.clauses.map((c) => ({ id: c.id, text: indexText(c) }));
    this.#bm25 = Bm25Index.build(docs, { params: bm25 });
    this.#overlap = TermOverlapIndex.build(docs);
  }

  /** A knowledge base over parsed documents; throws {@link ModelFormatError} on a clause id used twice. */
  static from(
    documents: readonly PolicyDocument[],
    options: { bm25?: Partial<Bm25Params> } = {},
  ): KnowledgeBase {
    return new KnowledgeBase(documents, options.bm25);
  }

  /** The clause with this id; throws {@link NotFoundError}. */
  clause(id: string): PolicyClause {
    const c = this.#byId.get(id);
    if (!c) throw new NotFoundError(`policy clause ${id}`);
    return c;
  }

  /** Whether a clause with this id exists. */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The clauses most relevant to `query`, best first (ties by clause id). */
  search(query: string, options: KnowledgeSearchOptions = {}): KnowledgeHit[] {
    const policies = options.policy === undefined
      ? null
      : new Set(typeof options.policy === "string" ? [options.policy] : options.policy);
    const filter = policies ? (id: string) => policies.has(this.#byId.get(id)!.policy) : undefined;
    const ranker = options.ranker === "overlap" ? this.#overlap : this.#bm25;
    return ranker.search(query, { k: options.k ?? 5, filter }).map((h) => ({
      clause: this.#byId.get(h.id)!,
      score: h.score,
    }));
  }
}

/** The text a clause is indexed under: section title, clause title and clause text. */
export function indexText(c: PolicyClause): string {
  return `${c.section}\n${c.title}\n${c.text}`;
}

/**
 * Reads and parses every `*.md` file of `dir` except `README.md` (in file-name order) and builds the
 * knowledge base.
 */
export async function loadKnowledgeBase(
  dir: string = DEFAULT_KNOWLEDGE_DIR,
  options: { bm25?: Partial<Bm25Params> } = {},
): Promise<KnowledgeBase> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.endsWith(".md") && e.name !== "README.md") names.push(e.name);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new NotFoundError(`knowledge directory ${dir}`);
    throw e;
  }
  names.sort();
  const docs = await Promise.all(
    names.map(async (n) => parsePolicyDocument(await Deno.readTextFile(join(dir, n)), n)),
  );
  return KnowledgeBase.from(docs, options);
}
