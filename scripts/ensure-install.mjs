// Installs npm dependencies when node_modules is missing or older than package.json / package-lock.json.
// Idempotent and quiet when everything is already in place. Runs under plain Node (no Deno yet).
import { existsSync, statSync } from "node:fs";
import { execSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = join(root, "node_modules", ".package-lock.json");
const deno = join(root, "node_modules", ".bin", "deno");

function mtime(p) {
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

const stale = !existsSync(deno) || !existsSync(marker) ||
  mtime(join(root, "package.json")) > mtime(marker) ||
  mtime(join(root, "package-lock.json")) > mtime(marker);

if (stale) {
  // `npm install` (not `npm ci`): it honours package-lock.json but tolerates the lock missing
  // optional platform packages (deno ships one per OS) that this registry mirror never resolves.
  const cmd = "npm install --no-audit --no-fund --loglevel=error";
  console.error(`[setup] installing dependencies (${cmd}) ...`);
  const t0 = Date.now();
  execSync(cmd, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  console.error(`[setup] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
