import assert from "node:assert/strict";
import { writeOnnx } from "./write.ts";
import { layerListToOnnx } from "./layer_list_to_onnx.ts";
import { decodeModel } from "./proto.ts";
import { ModelFormatError } from "../../errors.ts";

Deno.test("writeOnnx: writes a model that reads back; refuses bytes that are not ONNX", async () => {
  const dir = await Deno.makeTempDir();
  const bytes = layerListToOnnx({
    name: "w",
    inputs: [{ name: "x", type: "float32", width: 1 }],
    layers: [{ kind: "activation", name: "y", input: "x", fn: "relu" }],
    outputs: ["y"],
  });
  await writeOnnx(`${dir}/sub/model.onnx`, bytes);
  const back = await Deno.readFile(`${dir}/sub/model.onnx`);
  assert.deepEqual(back, bytes);
  assert.equal(decodeModel(back).graph!.name, "w");
  assert.deepEqual([...Deno.readDirSync(`${dir}/sub`)].map((e) => e.name), ["model.onnx"]); // no temp left
  await assert.rejects(
    () => writeOnnx(`${dir}/bad.onnx`, new Uint8Array([0xff, 0xff, 0xff])),
    ModelFormatError,
  );
  await Deno.remove(dir, { recursive: true });
});
