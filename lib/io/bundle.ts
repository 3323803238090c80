/**
 * The artifact bundle: the one on-disk format of every saved model. A bundle is a directory holding
 *
 * - `config.json`: the model's JSON config (its envelope: `kind`, `formatVersion`, …) together with the
 *   byte length and SHA-256 of every binary file, and a SHA-256 of `config.json` itself:
 *
 *   ```json
 *   {
 *     "checksum": "sha256:<64 hex digits>",
 *     "bundleVersion": 1,
 *     "files": { "weights.bin": { "bytes": 1024, "sha256": "<64 hex digits>" } },
 *     "config": { "kind": "wide_deep", "formatVersion": 2, … }
 *   }
 *   ```
 *
 *   `checksum` is the SHA-256 of the file's exact bytes with its own 64 digits written as zeros, so
 *   every byte of `config.json` is covered (a changed digit in a leaf value is caught, not only broken
 *   JSON), and through the listed hashes so is every binary file: `checksum` identifies the whole
 *   bundle's content;
 * - the binary files it lists (e.g. `weights.bin`: little-endian tensors, see `bundle_tensors.ts`).
 *
 * Files the config does not list (an ONNX export added later, say) are left alone and not read.
 *
 * **Writing is atomic**: {@link writeBundle} writes everything into a fresh sibling directory, then
 * renames it into place, so a reader sees the old bundle or the new one, never a mix. Replacing an
 * existing bundle moves the old directory aside first and removes it after; a non-empty directory that
 * is not a bundle is never replaced (ConflictError), so a wrong path cannot wipe unrelated files.
 *
 * **Reading checks everything** ({@link readBundle}): a missing `config.json` or listed file →
 * NotFoundError; a changed, truncated or foreign `config.json`, bad JSON, a listed file of another
 * size or hash → ModelFormatError naming the file and the problem.
 *
 * @example
 * ```ts
 * import { readBundle, writeBundle } from "./bundle.ts";
 * const dir = (await Deno.makeTempDir()) + "/model";
 * await writeBundle(dir, { kind: "demo", formatVersion: 1 }, { "weights.bin": new Uint8Array([1, 2, 3]) });
 * const { config, files } = await readBundle(dir);
 * config.kind; // "demo"
 * files["weights.bin"]; // Uint8Array [1, 2, 3]
 * ```
 * @module
 */
import { ConflictError, ModelFormatError, NotFoundError } from "../errors.ts";

/** Name of the config file of every bundle. */
export const BUNDLE_CONFIG_FILE = "config.json";
/** Version of the bundle layout this code writes and reads. */
export const BUNDLE_VERSION = 1;

/** A listed binary file: its size and SHA-256 (hex). */
export interface BundleFileEntry {
  readonly bytes: number;
  readonly sha256: string;
}

/** What {@link readBundle} returns. */
export interface Bundle {
  /** The model's config, as passed to {@link writeBundle}. */
  readonly config: Record<string, unknown>;
  /** Every listed binary file's verified bytes, by name. */
  readonly files: Record<string, Uint8Array>;
  /** SHA-256 (hex) of `config.json`: a content hash of the whole bundle. */
  readonly checksum: string;
}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const HEAD = '{\n  "checksum": "sha256:';
const ZEROS = "0".repeat(64);

/** SHA-256 of bytes as 64 lowercase hex digits. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

let counter = 0;

function parentDir(path: string): string {
  const i = path.replace(/\/+$/, "").lastIndexOf("/");
  return i > 0 ? path.slice(0, i) : i === 0 ? "/" : ".";
}

/** The exact text of `config.json` for a config and its files' entries. */
async function configText(config: unknown, entries: Record<string, BundleFileEntry>): Promise<string> {
  const body = JSON.stringify(
    { checksum: `sha256:${ZEROS}`, bundleVersion: BUNDLE_VERSION, files: entries, config },
    null,
    2,
  ) +
    "\n";
  if (!body.startsWith(HEAD + ZEROS)) throw new Error("bundle: unexpected config.json layout");
  const sum = await sha256Hex(new TextEncoder().encode(body));
  return HEAD + sum + body.slice(HEAD.length + 64);
}

/**
 * Writes a bundle at `dir` atomically (see the module doc): `config` (a JSON-safe object) and the
 * binary `files` (names of letters, digits, `_`, `.`, `-`). Creates parent folders. Replaces an
 * existing bundle at `dir`; a non-empty `dir` that is not a bundle is a ConflictError.
 */
export async function writeBundle(
  dir: string,
  config: Record<string, unknown>,
  files: Readonly<Record<string, Uint8Array>> = {},
): Promise<void> {
  const entries: Record<string, BundleFileEntry> = {};
  for (const [name, bytes] of Object.entries(files)) {
    if (!FILE_NAME.test(name) || name === BUNDLE_CONFIG_FILE) {
      throw new ConflictError(`bundle file name "${name}" is not allowed (letters, digits, "_", ".", "-")`);
    }
    entries[name] = { bytes: bytes.length, sha256: await sha256Hex(bytes) };
  }
  const text = await configText(config, entries);
  await Deno.mkdir(parentDir(dir), { recursive: true });
  const tmp = `${dir.replace(/\/+$/, "")}.${Deno.pid}.${++counter}.tmp`;
  try {
    await Deno.mkdir(tmp);
    for (const [name, bytes] of Object.entries(files)) await Deno.writeFile(`${tmp}/${name}`, bytes);
    await Deno.writeTextFile(`${tmp}/${BUNDLE_CONFIG_FILE}`, text);
    await moveIntoPlace(tmp, dir);
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
}

/** Renames `tmp` to `dir`: directly when `dir` is absent or empty, else swapping out the old bundle. */
async function moveIntoPlace(tmp: string, dir: string): Promise<void> {
  try {
    await Deno.rename(tmp, dir);
    return;
  } catch (e) {
    if (!(await isDirectory(dir))) throw e;
  }
  if (!(await isBundle(dir))) {
    throw new ConflictError(
      `${dir} exists and is not a model bundle (no ${BUNDLE_CONFIG_FILE}); not replacing it`,
    );
  }
  const old = `${dir.replace(/\/+$/, "")}.${Deno.pid}.${++counter}.old`;
  await Deno.rename(dir, old);
  try {
    await Deno.rename(tmp, dir);
  } catch (e) {
    await Deno.rename(old, dir).catch(() => {});
    throw e;
  }
  await Deno.remove(old, { recursive: true }).catch(() => {});
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

/** True when `dir/config.json` starts like a bundle's config. */
async function isBundle(dir: string): Promise<boolean> {
  try {
    const f = await Deno.open(`${dir}/${BUNDLE_CONFIG_FILE}`);
    try {
      const head = new Uint8Array(HEAD.length);
      const n = await f.read(head);
      return n === HEAD.length && new TextDecoder().decode(head) === HEAD;
    } finally {
      f.close();
    }
  } catch {
    return false;
  }
}

async function readListed(path: string, what: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new NotFoundError(path, what);
    throw e;
  }
}

/**
 * Reads and verifies the bundle at `dir` (see the module doc). NotFoundError when `config.json` or a
 * listed file is missing; ModelFormatError (field = the file name) when anything does not check out.
 */
export async function readBundle(dir: string): Promise<Bundle> {
  const configPath = `${dir}/${BUNDLE_CONFIG_FILE}`;
  const raw = await readListed(configPath, "model bundle config");
  const fail = (file: string, problem: string): never => {
    throw new ModelFormatError(`${dir}/${file}: ${problem}`, file);
  };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return fail(BUNDLE_CONFIG_FILE, "is not UTF-8 text");
  }
  const stored = text.slice(HEAD.length, HEAD.length + 64);
  if (!text.startsWith(HEAD) || !/^[0-9a-f]{64}$/.test(stored)) {
    fail(
      BUNDLE_CONFIG_FILE,
      'is not a model bundle config (it must start with its "checksum"); re-save the model',
    );
  }
  const zeroed = HEAD + ZEROS + text.slice(HEAD.length + 64);
  const actual = await sha256Hex(new TextEncoder().encode(zeroed));
  if (actual !== stored) {
    fail(
      BUNDLE_CONFIG_FILE,
      `checksum mismatch (stored ${stored.slice(0, 12)}…, content ${actual.slice(0, 12)}…): ` +
        "the file was changed, truncated or corrupted after it was written",
    );
  }
  let parsed: { bundleVersion?: unknown; files?: unknown; config?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(BUNDLE_CONFIG_FILE, `is not JSON: ${(e as Error).message}`);
  }
  if (parsed.bundleVersion !== BUNDLE_VERSION) {
    fail(
      BUNDLE_CONFIG_FILE,
      `bundleVersion ${
        JSON.stringify(parsed.bundleVersion)
      } is not supported (this code reads ${BUNDLE_VERSION})`,
    );
  }
  const config = parsed.config, listed = parsed.files;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    fail(BUNDLE_CONFIG_FILE, '"config" must be an object');
  }
  if (listed === null || typeof listed !== "object" || Array.isArray(listed)) {
    fail(BUNDLE_CONFIG_FILE, '"files" must be an object');
  }
  const files: Record<string, Uint8Array> = {};
  for (const [name, entry] of Object.entries(listed as Record<string, BundleFileEntry>)) {
    if (!FILE_NAME.test(name) || name === BUNDLE_CONFIG_FILE) {
      fail(BUNDLE_CONFIG_FILE, `lists a bad file name "${name}"`);
    }
    const bytes = await readListed(`${dir}/${name}`, "model bundle file listed in config.json");
    if (bytes.length !== entry?.bytes) {
      fail(name, `is ${bytes.length} bytes but config.json lists ${entry?.bytes} (truncated or replaced)`);
    }
    const sum = await sha256Hex(bytes);
    if (sum !== entry.sha256) {
      fail(
        name,
        `SHA-256 ${sum.slice(0, 12)}… does not match config.json (${
          String(entry.sha256).slice(0, 12)
        }…): the file is corrupted`,
      );
    }
    files[name] = bytes;
  }
  return { config: config as Record<string, unknown>, files, checksum: stored };
}
