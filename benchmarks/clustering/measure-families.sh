#!/usr/bin/env bash
# The NMI table rows for one family set (make-family-set.sh): dfd clusters at auto k (the default: the largest k within
# 1 % of the best neighbour-graph modularity), at the k that the plain best modularity and the former silhouette rule
# pick on the same fits (read from the same run's scores), and at the true k; sklearn's KMeans at the true k beside them. The catalog must hold the set's vectors (dfd index OUT/files --db DB).
#   benchmarks/clustering/measure-families.sh OUT DB
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OUT DB" >&2; exit 2; }
out=$1 db=$2
here="$(cd "$(dirname "$0")/../.." && pwd)"
dfd="$here/src/DrawingFromDiffusion.Cli/bin/Release/net10.0/dfd"
measure="$here/benchmarks/clustering/measure-clusters.py"
true_k=$(cut -f2 "$out/truth.tsv" | sort -u | wc -l)
"$dfd" clusters --db "$db" --json --out "$out/clusters" > "$out/auto.json"
read -r auto_k old_k argmax_k < <(/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); s=r['silhouettes']; print(r['k'], max(s, key=lambda x: (x['silhouette'], -x['k']))['k'], max(s, key=lambda x: (x['modularity'], -x['k']))['k'])" "$out/auto.json")
"$dfd" export --db "$db" --with-vectors -o "$out/auto.jsonl" 2>/dev/null
/usr/bin/python3 "$measure" "$out/truth.tsv" "$out/auto.jsonl" --label "dfd auto k (new default)" --sklearn
for k in $(printf '%s\n' "$old_k" "$argmax_k" "$true_k" | awk '!seen[$0]++' | grep -vx "$auto_k"); do
  "$dfd" clusters --db "$db" --k "$k" --json > /dev/null
  "$dfd" export --db "$db" --with-vectors -o "$out/k$k.jsonl" 2>/dev/null
  label="dfd --k $k"
  [ "$k" = "$old_k" ] && label="$label; best silhouette (old default)"
  [ "$k" = "$argmax_k" ] && label="$label; best modularity (first try)"
  [ "$k" = "$true_k" ] && label="$label; true k"
  /usr/bin/python3 "$measure" "$out/truth.tsv" "$out/k$k.jsonl" --label "$label"
done
# Leave the default run stored, as a user would have it.
"$dfd" clusters --db "$db" --out "$out/clusters" > "$out/auto.txt"
