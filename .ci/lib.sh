# Helpers for .ci/run (sourced; tested by .ci/lib_test.ts).

# deno_counts LOG: "<passed> <failed> <ignored>" from the last closing line of `deno test` in LOG,
# e.g. "ok | 812 passed | 0 failed | 3 ignored (2m)" ("| N ignored" appears only when N > 0).
deno_counts() {
  local summary passed failed ignored
  summary=$(grep -E '(ok|FAILED) \| [0-9]+ passed' "$1" | tail -n 1)
  passed=$(sed -nE 's/.*\| ([0-9]+) passed.*/\1/p' <<<"$summary")
  failed=$(sed -nE 's/.*\| ([0-9]+) failed.*/\1/p' <<<"$summary")
  ignored=$(sed -nE 's/.*\| ([0-9]+) ignored.*/\1/p' <<<"$summary")
  echo "${passed:-0} ${failed:-0} ${ignored:-0}"
}

# tree_dirty: prints `git status --porcelain` (changed tracked files and untracked, non-ignored ones)
# and returns 1 when there are any; returns 0 with nothing printed on a clean tree or outside git.
tree_dirty() {
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
  local dirty
  dirty=$(git status --porcelain)
  [ -z "$dirty" ] && return 0
  echo "$dirty"
  return 1
}
