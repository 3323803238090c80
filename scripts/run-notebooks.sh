#!/usr/bin/env bash
# Executes every notebook (or the ones named as arguments) headlessly with the project's Deno kernel and
# writes an HTML copy of each to reports/notebooks/. Prints one line per notebook (ok / FAILED) and exits
# non-zero when any notebook raised.
#
#   scripts/run-notebooks.sh                       # all notebooks/*.ipynb
#   scripts/run-notebooks.sh notebooks/00_quickstart.ipynb
#
# Needs Jupyter's nbconvert; when it is missing and we are root, it is installed from Debian's packages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT_DIR="reports/notebooks"
DEBIAN_PACKAGES=(jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)

# The kernel runs `deno` from PATH: make it the project's pinned binary.
if [[ ! -x "$ROOT/node_modules/.bin/deno" ]]; then
  echo "run-notebooks: $ROOT/node_modules/.bin/deno not found; run 'npm install' first" >&2
  exit 2
fi
export PATH="$ROOT/node_modules/.bin:$PATH"

# Prefer Debian's nbconvert (its shebang is /usr/bin/python3, which has the matching Python packages).
find_nbconvert() {
  if [[ -x /usr/bin/jupyter-nbconvert ]]; then
    NBCONVERT=(/usr/bin/jupyter-nbconvert)
  elif command -v jupyter-nbconvert >/dev/null 2>&1; then
    NBCONVERT=(jupyter-nbconvert)
  elif command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1; then
    NBCONVERT=(jupyter nbconvert)
  else
    return 1
  fi
}

if ! find_nbconvert; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "run-notebooks: Jupyter nbconvert is not installed and this is not root." >&2
    echo "  Install it with: sudo apt-get install -y ${DEBIAN_PACKAGES[*]}" >&2
    exit 2
  fi
  echo "run-notebooks: installing Jupyter from Debian (${DEBIAN_PACKAGES[*]})"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q -o DPkg::Lock::Timeout=600 "${DEBIAN_PACKAGES[@]}" >/tmp/run-notebooks-apt.log 2>&1; then
    apt-get update -q >>/tmp/run-notebooks-apt.log 2>&1 || true
    if ! apt-get install -y -q -o DPkg::Lock::Timeout=600 "${DEBIAN_PACKAGES[@]}" >>/tmp/run-notebooks-apt.log 2>&1; then
      echo "run-notebooks: apt-get install failed; see /tmp/run-notebooks-apt.log" >&2
      tail -n 20 /tmp/run-notebooks-apt.log >&2
      exit 2
    fi
  fi
  find_nbconvert || { echo "run-notebooks: nbconvert still not found after installing" >&2; exit 2; }
fi

# Register (or refresh) the Deno kernelspec; --force makes it idempotent.
if ! install_log="$(deno jupyter --install --force 2>&1)"; then
  echo "run-notebooks: 'deno jupyter --install' failed:" >&2
  echo "$install_log" >&2
  exit 2
fi

if [[ $# -gt 0 ]]; then
  NOTEBOOKS=("$@")
else
  shopt -s nullglob
  NOTEBOOKS=(notebooks/*.ipynb)
  shopt -u nullglob
fi
if [[ ${#NOTEBOOKS[@]} -eq 0 ]]; then
  echo "run-notebooks: no notebooks found in notebooks/" >&2
  exit 2
fi

mkdir -p "$OUT_DIR"
failed=0
for nb in "${NOTEBOOKS[@]}"; do
  name="$(basename "$nb" .ipynb)"
  log="$OUT_DIR/$name.log"
  start=$SECONDS
  # nbconvert runs the kernel with the notebook's own folder as working directory.
  if "${NBCONVERT[@]}" --to html --execute \
    --ExecutePreprocessor.timeout=600 \
    --ExecutePreprocessor.kernel_name=deno \
    --output-dir "$OUT_DIR" "$nb" >"$log" 2>&1; then
    echo "ok      $nb -> $OUT_DIR/$name.html ($((SECONDS - start))s)"
  else
    echo "FAILED  $nb ($((SECONDS - start))s); log: $log"
    tail -n 25 "$log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
done

if [[ $failed -gt 0 ]]; then
  echo "run-notebooks: $failed of ${#NOTEBOOKS[@]} notebook(s) FAILED"
  exit 1
fi
echo "run-notebooks: all ${#NOTEBOOKS[@]} notebook(s) ok"
