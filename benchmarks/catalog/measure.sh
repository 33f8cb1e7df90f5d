#!/usr/bin/env bash
# Process-level timings of dfd on a large synthetic catalog (made by the benchmarks' `large-catalog`), each run with
# /usr/bin/time: wall, CPU (user+sys) and peak RSS. Give one or more dfd executables to compare them in the same run
# (e.g. main's build and this branch's), alternating, so the shared machine's load falls on each alike.
#   DFD_MODELS=DIR benchmarks/catalog/measure.sh DB PACK_ID QUERY_IMAGE ROUNDS DFD [DFD...]
set -euo pipefail
db=$1 pack=$2 image=$3 rounds=$4; shift 4
t() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB peak RSS" "$@" >/dev/null 2>>/tmp/dfd-measure.err || { echo "$label failed:"; tail -3 /tmp/dfd-measure.err; }; tail -1 /tmp/dfd-measure.err; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for dfd in "$@"; do
    name=$(basename "$(dirname "$dfd")")
    t "$name search text (clip)" "$dfd" search "a watercolor painting of a red fox in the snow" --mode clip --pack "$pack" -k 10 --cutoff none --device cpu --db "$db" --json
    t "$name similar outside image" "$dfd" similar "$image" --pack "$pack" -k 10 --cutoff none --device cpu --db "$db" --json
    t "$name similar catalog image id" "$dfd" similar 4242 --pack "$pack" -k 10 --cutoff none --device cpu --db "$db" --json
    t "$name search prompt" "$dfd" search --prompt "watercolor fox" --mode prompt -k 10 --db "$db" --json
    t "$name stats" "$dfd" stats --db "$db" --json
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
