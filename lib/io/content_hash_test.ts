import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson, ContentHash, hashBytes, hashFile, hashJson } from "./content_hash.ts";

Deno.test("hashBytes matches the SHA-256 test vectors (FIPS 180-2)", () => {
  const enc = new TextEncoder();
  assert.equal(
    hashBytes(enc.encode("abc")),
    "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    hashBytes(new Uint8Array()),
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});

Deno.test("ContentHash: any split of the bytes into chunks gives the one-shot hash", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300)), (bytes, cuts) => {
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const h = new ContentHash();
    let at = 0;
    for (const p of [...points, bytes.length]) {
      h.update(bytes.subarray(at, p));
      at = p;
    }
    assert.equal(h.bytes, bytes.length);
    assert.equal(h.digest(), hashBytes(bytes));
  }));
  const h = new ContentHash();
  h.digest();
  assert.throws(() => h.update("x"), /already digested/);
});

Deno.test("hashJson ignores key order, not array order or values", () => {
  assert.equal(canonicalJson({ b: { d: 1, c: null }, a: [2, 1] }), '{"a":[2,1],"b":{"c":null,"d":1}}');
  assert.equal(hashJson({ x: 1, y: "2" }), hashJson({ y: "2", x: 1 }));
  assert.notEqual(hashJson([1, 2]), hashJson([2, 1]));
  assert.notEqual(hashJson({ x: 1 }), hashJson({ x: "1" }));
});

Deno.test("hashFile streams a file and equals hashBytes of its content", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) & 255);
    await Deno.writeFile(`${dir}/f.bin`, bytes);
    assert.deepEqual(await hashFile(`${dir}/f.bin`), { hash: hashBytes(bytes), bytes: 200_000 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
