#!/usr/bin/env bash
# End-to-end precision and recall of `dfd dupes --json` (default settings) on a labelled set made by
# make-dupes-fixture.cs: indexes DIR into a fresh catalog (offline ResNet18 pack unless --model is given), groups,
# and scores pairs of files against DIR/labels.csv.
#   tests/tools/measure-dupes.sh DIR [extra dupes options...]
# DUPES_DB=FILE keeps the catalog there and reuses it when it exists (re-tuning the grouping without re-indexing).
# DFD=PATH measures that dfd build (e.g. a copy of main's) instead of building this checkout's.
# Sets from make-real-dupes.cs also get recall per alteration split by sure and tentative links, and the made
# siblings (one local change) wrongly grouped with their source.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
dir=$(cd "$1" && pwd); shift
if [ -z "${DFD:-}" ]; then
  dotnet build "$here/src/DrawingFromDiffusion.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi
dfd="${DFD:-$here/src/DrawingFromDiffusion.Cli/bin/Release/net10.0/dfd}"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
db="${DUPES_DB:-$work/catalog.db}"
if [ ! -e "$db" ]; then
  "$dfd" index "$dir" --db "$db" >/dev/null 2>"$work/index.log" || { cat "$work/index.log" >&2; exit 1; }
fi
start=$(date +%s.%N)
"$dfd" dupes --db "$db" --json "$@" >"$work/dupes.json" 2>/dev/null
end=$(date +%s.%N)
# One copy of the pair scoring: the fixture tool's score verb (Core's PairScores).
dotnet run "$here/tests/tools/make-dupes-fixture.cs" -- score "$dir" "$work/dupes.json" "$(echo "$end - $start" | bc)"
# Per-alteration recall and the sure/tentative split (the pair scores above come from the score verb).
python3 - "$dir" "$work/dupes.json" "$(echo "$end - $start" | bc)" <<'PY'
import collections, csv, json, os, sys
folder, report, seconds = sys.argv[1], json.load(open(sys.argv[2])), float(sys.argv[3])
rows = list(csv.DictReader(open(os.path.join(folder, "labels.csv"))))
original = {os.path.join(folder, r["file"]): r["original"] for r in rows}
family = {os.path.join(folder, r["file"]): r["family"] for r in rows}
group_of = {m["path"]: g["group"] for g in report["groups"] for m in g["members"]}
first = {r["original"]: os.path.join(folder, r["file"]) for r in rows if r["alteration"] == "original"}
by_kind = collections.defaultdict(lambda: [0, 0])
for r in rows:
    if r["alteration"] != "original":
        path = os.path.join(folder, r["file"])
        by_kind[r["alteration"]][1] += 1
        by_kind[r["alteration"]][0] += group_of.get(path) is not None and group_of.get(path) == group_of.get(first[r["original"]])
print("copy grouped with its original: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by_kind.items())))
member = {m["path"]: m for g in report["groups"] for m in g["members"]}
def tentative(path):
    return "(tentative)" in (member.get(path, {}).get("detail") or "")
if "source" in rows[0]:
    # Pairs split by how sure the grouping is: a pair is tentative when either file joined by a tentative link.
    split = {False: [0, 0], True: [0, 0]}
    for g in report["groups"]:
        paths = [m["path"] for m in g["members"]]
        for i, a in enumerate(paths):
            for b in paths[i + 1:]:
                kind = split[tentative(a) or tentative(b)]
                kind[0] += original[a] == original[b]
                kind[1] += 1
    print("| alteration | copies | sure | tentative | recall |")
    print("|---|---:|---:|---:|---:|")
    kinds = collections.defaultdict(lambda: [0, 0, 0])
    for r in rows:
        if r["alteration"] != "original":
            path = os.path.join(folder, r["file"])
            k = kinds[r["alteration"]]
            k[0] += 1
            if group_of.get(path) is not None and group_of.get(path) == group_of.get(first[r["original"]]):
                k[2 if tentative(path) else 1] += 1
    for name, (n, sure, tent) in sorted(kinds.items()):
        print(f"| {name} | {n} | {sure} | {tent} | {(sure + tent) / n:.3f} |")
    n, sure, tent = (sum(k[i] for k in kinds.values()) for i in range(3))
    print(f"| all | {n} | {sure} | {tent} | {(sure + tent) / n:.3f} |")
    for t, (right, total) in split.items():
        print(f"pairs in groups through {'tentative' if t else 'sure'} links only: {total}, precision {right / max(1, total):.4f}")
    made = [r for r in rows if r["source"]]
    joined = [r for r in made if group_of.get(os.path.join(folder, r["file"])) is not None
              and group_of.get(os.path.join(folder, r["file"])) == group_of.get(first[r["source"].split(":")[0]])]
    print(f"made siblings grouped with their source: {len(joined)}/{len(made)} " + ", ".join(sorted(r["source"].split(":")[1] for r in joined)))
    fams = collections.Counter()
    for g in report["groups"]:
        paths = [m["path"] for m in g["members"]]
        for i, a in enumerate(paths):
            for b in paths[i + 1:]:
                if original[a] != original[b]:
                    fams[family[a]] += 1
    print("wrong pairs by folder: " + ", ".join(f"{f} {c}" for f, c in fams.most_common(8)))
PY
