#!/usr/bin/env bash
# Executes every notebook (or the ones named as arguments) headlessly with the project's Deno kernel and
# writes an HTML copy of each to reports/notebooks/. Prints one line per notebook (ok / FAILED) and exits
# non-zero when any notebook raised.
#
# Each notebook is executed to a temporary .ipynb, then exported to HTML with plotly.js inlined once in
# the page's <head> (outputs leave it out: LAB_NOTEBOOK_PLOTLY=external). The Deno kernel can report a cell
# idle before a display message is sent, and nbclient drops such outputs: a run in which a cell calling
# display() came back without output is retried (up to 3 runs; after that it is reported in the log).
# With Chromium installed, the exported page is loaded headlessly and every chart must draw (without it
# the check is skipped, except under CI=true as root, where it fails).
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
PLOTLY_JS="$ROOT/node_modules/plotly.js-dist-min/plotly.min.js"
# Outputs leave plotly.js out (lib/report/notebook.ts); the exported page gets it once, in <head>.
export LAB_NOTEBOOK_PLOTLY=external
WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT
MAX_TRIES=3

# Prints the code cells that call display()/displayHtml() but came back without a display output: the
# Deno kernel can report a cell idle before its display message is sent, and nbclient then drops it.
missing_displays() {
  python3 - "$1" <<'PY'
import json, re, sys
nb = json.load(open(sys.argv[1]))
n = 0
for cell in nb["cells"]:
    if cell["cell_type"] != "code":
        continue
    n += 1
    src = "".join(cell["source"])
    if re.search(r"\bdisplay(Html)?\(", src) and not any(o.get("output_type") == "display_data" for o in cell["outputs"]):
        print(f"code cell {n}")
PY
}

# Puts plotly.js once into the page's <head> (the figure scripts wait for window.Plotly).
inline_plotly() {
  python3 - "$1" "$PLOTLY_JS" <<'PY'
import sys
page, lib = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
html = open(page, encoding="utf-8").read()
if "plotly-graph-div" in html:
    html = html.replace("</head>", "<script>" + lib + "</script>\n</head>", 1)
    open(page + ".tmp", "w", encoding="utf-8").write(html)
    import os
    os.replace(page + ".tmp", page)
PY
}

# When Chromium is installed, checks that every chart in the exported page actually draws. Without it
# the check is skipped with a note, except under CI=true as root (where .ci/run installs Chromium): there
# a missing Chromium fails the notebook instead of skipping, as lib/testing/tools.ts does for tests.
charts_render() {
  if ! command -v chromium >/dev/null 2>&1; then
    if [[ "${CI:-}" == "true" && "$(id -u)" -eq 0 ]]; then
      echo "run-notebooks: chromium is not installed (apt-get install -y chromium), and CI=true as root: the chart check fails instead of skipping"
      return 1
    fi
    echo "run-notebooks: $1: chart check SKIPPED (chromium not found; apt-get install -y chromium)"
    return 0
  fi
  local want got
  want=$(grep -o '<div id="plotly-[^"]*" class="plotly-graph-div"' "$1" | wc -l)
  got=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=10000 --dump-dom \
    "file://$ROOT/$1" 2>/dev/null | grep -o 'class="plot-container plotly"' | wc -l)
  echo "run-notebooks: $1: $got of $want chart(s) drawn in headless Chromium"
  [[ "$got" -eq "$want" ]]
}

for nb in "${NOTEBOOKS[@]}"; do
  name="$(basename "$nb" .ipynb)"
  log="$OUT_DIR/$name.log"
  executed="$WORK_DIR/$name.ipynb"
  start=$SECONDS
  ok=0
  : >"$log"
  for try in $(seq 1 $MAX_TRIES); do
    # nbconvert runs the kernel with the notebook's own folder as working directory.
    if ! "${NBCONVERT[@]}" --to notebook --execute \
      --ExecutePreprocessor.timeout=600 \
      --ExecutePreprocessor.kernel_name=deno \
      --output "$executed" "$nb" >>"$log" 2>&1; then
      ok=0
      break
    fi
    ok=1
    lost="$(missing_displays "$executed")"
    [[ -z "$lost" ]] && break
    echo "run-notebooks: $nb try $try: display output lost in $(echo "$lost" | paste -sd, -)" | tee -a "$log"
    [[ $try -lt $MAX_TRIES ]] && ok=0
  done
  if [[ $ok -eq 1 ]] && "${NBCONVERT[@]}" --to html --output-dir "$OUT_DIR" --output "$name" "$executed" >>"$log" 2>&1 \
    && inline_plotly "$OUT_DIR/$name.html" >>"$log" 2>&1 && charts_render "$OUT_DIR/$name.html" >>"$log" 2>&1; then
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
