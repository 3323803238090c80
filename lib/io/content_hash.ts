/**
 * Content hashes for idempotent inputs: the SHA-256 of a file's bytes, computed in one streaming pass
 * (bounded memory, any size), of a byte array, or of a JSON value in a canonical form (object keys
 * sorted) so that the same records give the same hash however their keys were ordered. Hashes are
 * written `sha256:<64 hex digits>`.
 *
 * @example
 * ```ts
 * import { hashBytes, hashJson } from "./content_hash.ts";
 * hashBytes(new TextEncoder().encode("abc")).slice(0, 15); // "sha256:ba7816bf"
 * hashJson({ b: 1, a: [1, 2] }) === hashJson({ a: [1, 2], b: 1 }); // true
 * ```
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { InputError } from "../errors.ts";

/** An incremental SHA-256: feed chunks with {@link ContentHash.update}, read with {@link ContentHash.digest}. */
export class ContentHash {
  readonly #hash: Hash = createHash("sha256");
  #bytes = 0;
  #done = false;

  /** Adds bytes (or UTF-8 text). */
  update(chunk: Uint8Array | string): this {
    if (this.#done) throw new InputError("hash", "already digested");
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    this.#hash.update(bytes);
    this.#bytes += bytes.length;
    return this;
  }

  /** Number of bytes hashed so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** `sha256:<hex>`; the hash cannot be updated afterwards. */
  digest(): string {
    this.#done = true;
    return `sha256:${this.#hash.digest("hex")}`;
  }
}

/** `sha256:<hex>` of a byte array. */
export function hashBytes(bytes: Uint8Array): string {
  return new ContentHash().update(bytes).digest();
}

/** A JSON text with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = (v as Record<string, unknown>)[k];
    return out;
  });
}

/** `sha256:<hex>` of {@link canonicalJson}(value). */
export function hashJson(value: unknown): string {
  return new ContentHash().update(canonicalJson(value)).digest();
}

/** `sha256:<hex>` of a file's bytes and its size, read in one streaming pass. */
export async function hashFile(path: string): Promise<{ hash: string; bytes: number }> {
  const h = new ContentHash();
  const file = await Deno.open(path, { read: true });
  for await (const chunk of file.readable) h.update(chunk);
  return { bytes: h.bytes, hash: h.digest() };
}
