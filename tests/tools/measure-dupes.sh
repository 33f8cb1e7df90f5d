#!/usr/bin/env bash
# End-to-end precision and recall of `dfd dupes --json` (default settings) on a labelled set made by
# make-dupes-fixture.cs: indexes DIR into a fresh catalog (offline ResNet18 pack unless --model is given), groups,
# and scores pairs of files against DIR/labels.csv.
#   tests/tools/measure-dupes.sh DIR [extra dupes options...]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
dir=$(cd "$1" && pwd); shift
dotnet build "$here/src/DrawingFromDiffusion.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dfd="$here/src/DrawingFromDiffusion.Cli/bin/Release/net10.0/dfd"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$dfd" index "$dir" --db "$work/catalog.db" >/dev/null 2>"$work/index.log" || { cat "$work/index.log" >&2; exit 1; }
start=$(date +%s.%N)
"$dfd" dupes --db "$work/catalog.db" --json "$@" >"$work/dupes.json"
end=$(date +%s.%N)
# One copy of the pair scoring: the fixture tool's score verb (Core's PairScores).
dotnet run "$here/tests/tools/make-dupes-fixture.cs" -- score "$dir" "$work/dupes.json" "$(echo "$end - $start" | bc)"
