/**
 * Atomic file writes: write to a temporary file in the same folder, then rename over the target, so a
 * reader never sees a half-written file and a crash never destroys the previous version.
 *
 * @example
 * ```ts
 * import { writeTextAtomic } from "./atomic.ts";
 * await writeTextAtomic(await Deno.makeTempDir() + "/a.json", "{}");
 * ```
 * @module
 */

let counter = 0;

/** Temporary path beside `path`, unique within this process. */
export function tempPathFor(path: string): string {
  counter++;
  return `${path}.${Deno.pid}.${counter}.tmp`;
}

function parentDir(path: string): string {
  const i = path.lastIndexOf("/");
  return i > 0 ? path.slice(0, i) : ".";
}

/** Writes bytes atomically, creating parent folders. */
export async function writeBytesAtomic(path: string, data: Uint8Array): Promise<void> {
  await Deno.mkdir(parentDir(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/** Writes text atomically, creating parent folders. */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  await writeBytesAtomic(path, new TextEncoder().encode(text));
}

/** Writes a value as pretty JSON atomically. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeTextAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Runs `write(tmpPath)` (e.g. a DuckDB `COPY … TO`) then renames the temp file over `path`.
 * The temp name keeps the target's extension so tools that infer format from it still work.
 */
export async function withAtomicPath(path: string, write: (tmpPath: string) => Promise<void>): Promise<void> {
  await Deno.mkdir(parentDir(path), { recursive: true });
  const dot = path.lastIndexOf(".");
  const slash = path.lastIndexOf("/");
  counter++;
  const tmp = dot > slash
    ? `${path.slice(0, dot)}.${Deno.pid}.${counter}.tmp${path.slice(dot)}`
    : tempPathFor(path);
  try {
    await write(tmp);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
}
