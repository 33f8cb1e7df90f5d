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
python3 - "$dir" "$work/dupes.json" "$(echo "$end - $start" | bc)" <<'PY'
import collections, csv, json, os, sys
folder, report, seconds = sys.argv[1], json.load(open(sys.argv[2])), float(sys.argv[3])
rows = list(csv.DictReader(open(os.path.join(folder, "labels.csv"))))
original = {os.path.join(folder, r["file"]): r["original"] for r in rows}
positives = sum(n * (n - 1) // 2 for n in collections.Counter(original.values()).values())
group_of = {m["path"]: g["group"] for g in report["groups"] for m in g["members"]}
grouped = correct = 0
for g in report["groups"]:
    counts = collections.Counter(original[m["path"]] for m in g["members"])
    n = len(g["members"])
    grouped += n * (n - 1) // 2
    correct += sum(k * (k - 1) // 2 for k in counts.values())
print(f"{len(rows)} files, {positives} positive pairs, {len(report['groups'])} groups, dupes took {seconds:.1f} s")
print(f"precision {correct / max(1, grouped):.4f}  recall {correct / positives:.4f}  ({correct} right, {grouped - correct} wrong pairs)")
first = {r["original"]: os.path.join(folder, r["file"]) for r in rows if r["alteration"] == "original"}
by_kind = collections.defaultdict(lambda: [0, 0])
for r in rows:
    if r["alteration"] != "original":
        path = os.path.join(folder, r["file"])
        by_kind[r["alteration"]][1] += 1
        by_kind[r["alteration"]][0] += group_of.get(path) is not None and group_of.get(path) == group_of.get(first[r["original"]])
print("copy grouped with its original: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by_kind.items())))
PY
