/**
 * The model contract as a test battery, run over every family (`contract_test.ts`), after
 * scikit-learn's `check_estimator` and this project's `lib/features/_store_contract.ts`:
 *
 * 1. save → load gives the same kind and bit-identical predictions, and saving the loaded model
 *    writes the same bundle (same content checksum);
 * 2. a scorer refuses a Matrix with other feature names (InputError);
 * 3. an unknown kind, a newer formatVersion → ModelFormatError naming `kind` / `formatVersion`;
 * 4. a flipped byte or a truncation of any file of the bundle → ModelFormatError naming the file;
 *    a missing file → NotFoundError;
 * 5. each listed config number set to `"abc"`, `null` or an out-of-range value (checksums recomputed,
 *    so only the model's own validation can catch it) → ModelFormatError naming the field;
 * 6. a NaN written into the first float tensor of a binary file (checksums recomputed) →
 *    ModelFormatError naming the tensor.
 * @module
 */
import assert from "node:assert/strict";
import type { Matrix } from "../data/types.ts";
import { InputError, ModelFormatError, NotFoundError } from "../errors.ts";
import { readBundle, writeBundle } from "../io/bundle.ts";
import type { TensorEntry } from "../io/bundle_tensors.ts";
import { codecFor, isScorer, loadModel, type Model, saveModel } from "./contract.ts";
import { PACKAGE_FORMAT_VERSION } from "./package.ts";

/** Numbers, or lists of numbers, compared bit for bit. */
export type Predictions = ArrayLike<number> | readonly ArrayLike<number>[];

/** One corruption of the config: the value at `path` replaced by each of `values`. */
export interface ConfigCorruption {
  /** Keys from the config root, e.g. `["trees", 0, "value", 3]`. */
  readonly path: readonly (string | number)[];
  /** Replacement values (default `["abc", null]`). */
  readonly values?: readonly unknown[];
  /** What the error's field or message must contain, e.g. `trees[0].value[3]`. */
  readonly names: string;
}

/** A family's case for the battery. */
export interface ContractCase<M extends Model> {
  readonly name: string;
  readonly model: M;
  /** Outputs compared bit for bit after save → load. */
  predictions(model: M): Predictions | Promise<Predictions>;
  /** For scorers: a Matrix whose columns fit (renamed, it must be refused). */
  readonly matrix?: Matrix;
  /** Config numbers to corrupt. */
  readonly corruptions?: readonly ConfigCorruption[];
}

/** Float64 bytes of the predictions, for a bit-for-bit comparison (NaN payloads and −0 included). */
function bits(p: Predictions): Uint8Array[] {
  const lists = (Array.isArray(p) && typeof p[0] === "object" ? p : [p]) as ArrayLike<number>[];
  return lists.map((l) => new Uint8Array(Float64Array.from(l).buffer));
}

function formatError(pattern: RegExp | string, field?: string) {
  return (e: unknown) => {
    if (!(e instanceof ModelFormatError)) throw e;
    const text = `${e.field ?? ""} ${e.message}`;
    const ok = typeof pattern === "string" ? text.includes(pattern) : pattern.test(text);
    if (!ok) assert.fail(`ModelFormatError does not mention ${pattern}: ${text}`);
    if (field !== undefined) assert.equal(e.field, field);
    return true;
  };
}

function setPath(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) o = o[key] as Record<string | number, unknown>;
  o[path[path.length - 1]!] = value;
}

/** The tensor manifests of a config (a package's are under `model`), with the file prefix. */
function manifests(config: Record<string, unknown>): { tensors: TensorEntry[]; prefix: string }[] {
  const out: { tensors: TensorEntry[]; prefix: string }[] = [];
  const visit = (c: Record<string, unknown>, prefix: string) => {
    if (Array.isArray(c.tensors)) out.push({ tensors: c.tensors as TensorEntry[], prefix });
    if (c.kind === "package" && c.model && typeof c.model === "object") {
      visit(c.model as Record<string, unknown>, prefix + "model.");
    }
  };
  visit(config, "");
  return out;
}

/** Runs the battery; throws an AssertionError on the first failure. */
export async function modelContract<M extends Model>(c: ContractCase<M>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: `contract_${c.name.replace(/\W+/g, "_")}_` });
  try {
    const dir = `${root}/model`;
    await saveModel(c.model, dir);
    const saved = await readBundle(dir);
    const { config, files } = saved;

    // 1. Round trip: same kind, bit-identical predictions, same bundle when saved again.
    const back = (await loadModel(dir)) as M;
    assert.equal(back.kind, c.model.kind, `${c.name}: kind`);
    assert.equal(config.kind, c.model.kind);
    const want = bits(await c.predictions(c.model)), got = bits(await c.predictions(back));
    assert.equal(got.length, want.length);
    want.forEach((w, i) =>
      assert.ok(w.length > 0 && w.length === got[i]!.length, `${c.name}: output ${i} length`)
    );
    want.forEach((w, i) => assert.deepEqual(got[i], w, `${c.name}: output ${i} differs after save → load`));
    await saveModel(back, `${root}/again`);
    assert.equal((await readBundle(`${root}/again`)).checksum, saved.checksum, `${c.name}: re-save differs`);
    for (const key of ["kind", "formatVersion", "featureNames", "categorical"]) {
      assert.ok(key in config, `${c.name}: envelope lacks ${key}`);
    }

    // 2. Scorers check the columns they are given.
    if (c.matrix !== undefined) {
      assert.ok(isScorer(back), `${c.name}: expected a scorer`);
      const renamed = {
        ...c.matrix,
        featureNames: c.matrix.featureNames.map((n, j) => (j === 0 ? `${n}_other` : n)),
      };
      assert.throws(() => back.predict(renamed), InputError, `${c.name}: renamed column accepted`);
    }

    // 3. Unknown kind, newer version (checksums valid: only the envelope check can refuse them).
    const tampered = `${root}/tampered`;
    await writeBundle(tampered, { ...config, kind: "not_a_model" }, files);
    await assert.rejects(loadModel(tampered), formatError(/unknown model kind "not_a_model"/, "kind"));
    const newest = config.kind === "package" ? PACKAGE_FORMAT_VERSION : codecFor(config.kind).formatVersion;
    await writeBundle(tampered, { ...config, formatVersion: newest + 1 }, files);
    await assert.rejects(loadModel(tampered), formatError(/newer than this code supports/, "formatVersion"));

    // 4. Every file: one flipped byte, a truncation, a deletion.
    for (const name of ["config.json", ...Object.keys(files)]) {
      const original = await Deno.readFile(`${dir}/${name}`);
      const flipped = original.slice();
      flipped[original.length >> 1]! ^= 0x04;
      await Deno.writeFile(`${dir}/${name}`, flipped);
      await assert.rejects(loadModel(dir), formatError(name, name), `${c.name}: flipped byte of ${name}`);
      await Deno.writeFile(`${dir}/${name}`, original.subarray(0, original.length >> 1));
      await assert.rejects(loadModel(dir), formatError(name, name), `${c.name}: truncated ${name}`);
      await Deno.remove(`${dir}/${name}`);
      await assert.rejects(loadModel(dir), NotFoundError, `${c.name}: missing ${name}`);
      await Deno.writeFile(`${dir}/${name}`, original);
    }
    await loadModel(dir); // restored

    // 5. Config numbers that are not finite numbers.
    for (const k of c.corruptions ?? []) {
      for (const value of k.values ?? ["abc", null]) {
        const bad = structuredClone(config);
        setPath(bad, k.path, value);
        await writeBundle(tampered, bad, files);
        await assert.rejects(
          loadModel(tampered),
          formatError(k.names),
          `${c.name}: ${k.path.join(".")} = ${JSON.stringify(value)} accepted`,
        );
      }
    }

    // 6. A NaN in the first float tensor of each binary file.
    for (const { tensors, prefix } of manifests(config)) {
      const t = tensors.find((t) => t.dtype !== "int32" && t.length > 0);
      if (!t) continue;
      // One binary file per level: the family's own, or the packaged model's ("model." prefix).
      const name = Object.keys(files).find((f) => f.startsWith(prefix))!;
      const bytes = files[name]!.slice();
      const view = new DataView(bytes.buffer);
      if (t.dtype === "float32") view.setFloat32(t.offset, NaN, true);
      else view.setFloat64(t.offset, NaN, true);
      await writeBundle(tampered, config, { ...files, [name]: bytes });
      await assert.rejects(
        loadModel(tampered),
        formatError(`tensor "${t.name}"[0] is NaN`),
        `${c.name}: NaN in ${t.name}`,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
