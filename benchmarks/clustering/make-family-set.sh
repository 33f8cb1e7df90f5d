#!/usr/bin/env bash
# Builds a clustering evaluation set: a folder of symbolic links that mirrors the original paths of every file of the
# families listed in SELECTION (one folder a line, see tuning-families.txt), plus OUT/truth.tsv (link path, family).
# Truth rule: a file's family is the listed folder that holds it (directly, or at any depth for a line ending in "/").
#   benchmarks/clustering/make-family-set.sh SELECTION OUT
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SELECTION OUT" >&2; exit 2; }
selection=$1
out=$(mkdir -p "$2" && cd "$2" && pwd)
mkdir -p "$out/files"
: > "$out/truth.tsv"
grep -v -e '^#' -e '^\s*$' "$selection" | while read -r folder; do
  depth=(-maxdepth 1)
  [[ $folder == */ ]] && depth=()
  family=${folder%/}
  find "$family" "${depth[@]}" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.webp' \) | sort |
  while read -r file; do
    link="$out/files$file"
    mkdir -p "$(dirname "$link")"
    ln -sf "$file" "$link"
    printf '%s\t%s\n' "$link" "$family" >> "$out/truth.tsv"
  done
done
echo "$(wc -l < "$out/truth.tsv") files in $(cut -f2 "$out/truth.tsv" | sort -u | wc -l) families under $out/files" >&2
