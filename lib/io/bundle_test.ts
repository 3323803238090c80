import assert from "node:assert/strict";
import fc from "fast-check";
import { ConflictError, ModelFormatError, NotFoundError } from "../errors.ts";
import { BUNDLE_CONFIG_FILE, readBundle, sha256Hex, writeBundle } from "./bundle.ts";
import { packTensors, requireTensor, unpackTensors } from "./bundle_tensors.ts";

const config = { kind: "demo", formatVersion: 1, values: [0.1, -2.5e-300, 3], name: "ü" };
const weights = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 255);

async function saved(): Promise<string> {
  const dir = `${await Deno.makeTempDir()}/nested/model`;
  await writeBundle(dir, config, { "weights.bin": weights, "extra.bin": new Uint8Array(0) });
  return dir;
}

function isFormatError(file: string, pattern: RegExp) {
  return (e: unknown) => e instanceof ModelFormatError && e.field === file && pattern.test(e.message);
}

Deno.test("sha256Hex matches the FIPS 180-2 test vectors", async () => {
  assert.equal(
    await sha256Hex(new Uint8Array(0)),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(
    await sha256Hex(new TextEncoder().encode("abc")),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("write → read gives back the config and files; the directory holds nothing else", async () => {
  const dir = await saved();
  const b = await readBundle(dir);
  assert.deepEqual(b.config, config);
  assert.deepEqual(b.files["weights.bin"], weights);
  assert.deepEqual(b.files["extra.bin"], new Uint8Array(0));
  assert.match(b.checksum, /^[0-9a-f]{64}$/);
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  assert.deepEqual(names, ["config.json", "extra.bin", "weights.bin"]);
  const parent = [...Deno.readDirSync(`${dir}/..`)].map((e) => e.name);
  assert.deepEqual(parent, ["model"], "no temp directory left behind");
  // The same content gives the same checksum (a content hash).
  const again = `${await Deno.makeTempDir()}/m`;
  await writeBundle(again, config, { "weights.bin": weights, "extra.bin": new Uint8Array(0) });
  assert.equal((await readBundle(again)).checksum, b.checksum);
});

Deno.test("re-saving replaces the bundle whole; a non-bundle directory is never replaced", async () => {
  const dir = await saved();
  await writeBundle(dir, { kind: "demo", formatVersion: 2 }, { "other.bin": Uint8Array.of(9) });
  const b = await readBundle(dir);
  assert.equal(b.config.formatVersion, 2);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["config.json", "other.bin"]);
  const foreign = await Deno.makeTempDir();
  await Deno.writeTextFile(`${foreign}/notes.txt`, "keep me");
  await assert.rejects(writeBundle(foreign, config), ConflictError);
  assert.equal(await Deno.readTextFile(`${foreign}/notes.txt`), "keep me");
  assert.deepEqual([...Deno.readDirSync(`${foreign}/..`)].filter((e) => e.name.includes(".tmp")), []);
  // An existing empty directory (Deno.makeTempDir) is fine.
  const empty = await Deno.makeTempDir();
  await writeBundle(empty, config);
  assert.deepEqual((await readBundle(empty)).config, config);
});

Deno.test("missing config or listed file → NotFoundError", async () => {
  await assert.rejects(readBundle(`${await Deno.makeTempDir()}/absent`), NotFoundError);
  const dir = await saved();
  await Deno.remove(`${dir}/weights.bin`);
  await assert.rejects(
    readBundle(dir),
    (e: unknown) => e instanceof NotFoundError && /weights\.bin/.test(String(e)),
  );
});

Deno.test("any flipped bit of config.json → ModelFormatError naming config.json", async () => {
  const dir = await saved();
  const original = await Deno.readFile(`${dir}/${BUNDLE_CONFIG_FILE}`);
  await fc.assert(
    fc.asyncProperty(fc.nat(original.length - 1), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
      const bytes = original.slice();
      bytes[at]! ^= 1 << bit;
      await Deno.writeFile(`${dir}/${BUNDLE_CONFIG_FILE}`, bytes);
      await assert.rejects(readBundle(dir), isFormatError(BUNDLE_CONFIG_FILE, /config\.json/));
    }),
    { numRuns: 60 },
  );
});

Deno.test("a flipped byte or truncation of a weight file, a truncated or foreign config → ModelFormatError", async () => {
  const dir = await saved();
  const w = weights.slice();
  w[123]! ^= 0x10;
  await Deno.writeFile(`${dir}/weights.bin`, w);
  await assert.rejects(readBundle(dir), isFormatError("weights.bin", /SHA-256.*corrupted/));
  await Deno.writeFile(`${dir}/weights.bin`, weights.subarray(0, 299));
  await assert.rejects(readBundle(dir), isFormatError("weights.bin", /299 bytes.*300.*truncated/));
  await Deno.writeFile(`${dir}/weights.bin`, weights);
  const text = await Deno.readTextFile(`${dir}/config.json`);
  await Deno.writeTextFile(`${dir}/config.json`, text.slice(0, text.length - 10));
  await assert.rejects(readBundle(dir), isFormatError("config.json", /checksum mismatch/));
  await Deno.writeTextFile(`${dir}/config.json`, JSON.stringify({ kind: "demo", formatVersion: 1 }));
  await assert.rejects(readBundle(dir), isFormatError("config.json", /not a model bundle config/));
  await Deno.writeFile(`${dir}/config.json`, Uint8Array.of(0xff, 0xfe));
  await assert.rejects(readBundle(dir), isFormatError("config.json", /UTF-8/));
});

Deno.test("bad file names are refused before anything is written", async () => {
  const dir = `${await Deno.makeTempDir()}/m`;
  for (const name of ["../x", "config.json", "a/b", ""]) {
    await assert.rejects(writeBundle(dir, config, { [name]: new Uint8Array(1) }), ConflictError);
  }
  await assert.rejects(Deno.stat(dir), Deno.errors.NotFound);
});

Deno.test("tensors: pack → unpack is exact for every dtype, aligned to 8 bytes", () => {
  fc.assert(
    fc.property(
      fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { maxLength: 9 }),
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 5 }),
      fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 7 }),
      (f32, f64, i32) => {
        const list = [
          { name: "a", data: Float32Array.from(f32) },
          { name: "b", data: Float64Array.from(f64) },
          { name: "c", data: Int32Array.from(i32) },
        ];
        const { bytes, tensors } = packTensors(list);
        assert.ok(tensors.every((t) => t.offset % 8 === 0));
        const back = unpackTensors(bytes, JSON.parse(JSON.stringify(tensors)), "w.bin");
        for (const { name, data } of list) assert.deepEqual(back.get(name), data);
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("tensors: non-finite floats, bad manifests and wrong types → ModelFormatError naming the tensor", () => {
  const { bytes, tensors } = packTensors([
    { name: "w", data: Float32Array.of(1, NaN, 3) },
    { name: "n", data: Int32Array.of(4) },
  ]);
  assert.throws(() => unpackTensors(bytes, tensors, "w.bin"), isFormatError("w.bin", /"w"\[1\] is NaN/));
  const ok = unpackTensors(bytes, tensors, "w.bin", new Set(["w"]));
  assert.throws(() => requireTensor(ok, "w", "w.bin", 2), isFormatError("w.bin", /3 values; expected 2/));
  assert.throws(() => requireTensor(ok, "n", "w.bin"), isFormatError("w.bin", /int32; expected float32/));
  assert.throws(() => requireTensor(ok, "zz", "w.bin"), isFormatError("w.bin", /"zz" is missing/));
  const past = [{ ...tensors[0]!, length: 100 }];
  assert.throws(
    () => unpackTensors(bytes, past, "w.bin", new Set(["w"])),
    isFormatError("w.bin", /runs past/),
  );
  const overlap = [tensors[0]!, { ...tensors[1]!, offset: 0 }];
  assert.throws(
    () => unpackTensors(bytes, overlap, "w.bin", new Set(["w"])),
    isFormatError("w.bin", /bad offset/),
  );
  assert.throws(() => unpackTensors(bytes, [{ ...tensors[1]!, dtype: "int8" }], "w.bin"), /unknown dtype/);
  assert.throws(() => unpackTensors(bytes, "nope", "w.bin"), /must be a list/);
});
