#!/bin/sh
# Runs a command on a Node this project supports (^22.12 || >=24): the machine's own when it is one,
# else Node 24 (node-24.sh). The root package.json's scripts all start with it.
set -eu
supported() {
  version=$(node --version 2>/dev/null) || return 1
  major=${version#v}
  major=${major%%.*}
  minor=${version#v*.}
  minor=${minor%%.*}
  [ "$major" -ge 24 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 12 ]; }
}
if ! supported; then
  bin=$(sh "$(dirname "$0")/node-24.sh")
  echo "This machine's Node ($(node --version 2>/dev/null || echo 'none')) is older than AutoDoctor supports: using Node $("$bin/node" --version) from .cache/node-24." >&2
  PATH="$bin:$PATH"
  export PATH
fi
# The workspace runs its packages' TypeScript source: every node (and tsx) started from here, and
# their children, resolve the published packages' exports under this condition (tooling/vite-config/
# src/source-condition.js), not to their built files.
NODE_OPTIONS="--conditions=@autodoctor/source${NODE_OPTIONS:+ $NODE_OPTIONS}"
export NODE_OPTIONS
exec "$@"
