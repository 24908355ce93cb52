#!/bin/sh
# Prints the folder of a Node 24 binary: fetched once from the npm registry (the `node` package)
# into .cache/node-24 at the repository's root, since nodejs.org may be out of reach.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
target="$root/.cache/node-24"
bin="$target/node_modules/.bin"
if [ ! -x "$bin/node" ]; then
  echo "Fetching Node 24 from the npm registry into .cache/node-24 (once)…" >&2
  # Into a fresh folder first, so that a run stopped half-way leaves nothing that looks installed.
  partial="$target.partial.$$"
  rm -rf "$partial"
  npm install --prefix "$partial" --no-audit --no-fund --loglevel=error node@24 >&2
  "$partial/node_modules/.bin/node" --version >/dev/null
  rm -rf "$target"
  mv "$partial" "$target"
fi
echo "$bin"
