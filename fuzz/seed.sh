#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ with the fixture site's and the real site's Markdown files (corpus/ is not
# committed). front_matter inputs start with a selector byte (page kind and language); markdown inputs with
# a byte giving the number of lines before the body.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/front_matter corpus/markdown
n=0
for f in ../tests/fixtures/basic/content/*.md ../tests/fixtures/basic/content/*/*.md \
         ../tests/fixtures/basic/content/*/*/*.md ../content/*/*.md ../content/*/*/*.md; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  sel=$(( n % 256 ))
  { printf "\\$(printf '%03o' "$sel")"; cat "$f"; } > "corpus/front_matter/seed-$n"
  # the body only: everything after the second `---` line
  { printf '\003'; awk 'c>=2{print} /^---[[:space:]]*$/{c++}' "$f"; } > "corpus/markdown/seed-$n"
done
echo "seeded $n files into corpus/front_matter and corpus/markdown"
