#!/usr/bin/env bash
# Process-level timings of dfd on a large synthetic catalog (made by the benchmarks' `large-catalog`), each run with
# /usr/bin/time: wall, CPU (user+sys) and peak RSS. Give one or more dfd executables to compare them in the same run
# (e.g. main's build and this branch's), alternating, so the shared machine's load falls on each alike.
#   DFD_MODELS=DIR benchmarks/catalog/measure.sh DB PACK_ID QUERY_IMAGE ROUNDS DFD [DFD...]
set -euo pipefail
db=$1 pack=$2 image=$3 rounds=$4; shift 4
t() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB peak RSS" "$@" >/dev/null 2>>/tmp/dfd-measure.err || { echo "$label failed:"; tail -3 /tmp/dfd-measure.err; }; tail -1 /tmp/dfd-measure.err; }
# `dfd serve`: from process start to the first page the web page asks for (newest 60, /api/search?k=60), then
# /api/facets and /api/stats on the warm server; the server's CPU time and peak RSS come from /proc when it is stopped.
serve() {
  local name=$1 dfd=$2 port=$((20000 + RANDOM % 20000)) start end pid
  start=$(date +%s.%N)
  "$dfd" serve --db "$db" --pack "$pack" --port "$port" >/dev/null 2>&1 & pid=$!
  until curl -sf "http://127.0.0.1:$port/api/search?k=60" -o /tmp/dfd-measure-page.json; do sleep 0.05; done
  end=$(date +%s.%N)
  echo "$name serve start → first page (60 newest): $(echo "$end - $start" | bc) s wall, $(python3 -c "import json;print(len(json.load(open('/tmp/dfd-measure-page.json'))['results']))") hits"
  for path in "/api/search?k=60" "/api/facets" "/api/stats"; do
    curl -s -o /dev/null -w "$name serve warm GET $path: %{time_total} s\n" "http://127.0.0.1:$port$path"
  done
  echo "$name serve: $(awk '/VmHWM/{print $2" "$3" peak RSS"}' /proc/$pid/status), CPU $(awk '{printf "%.2f s", ($14+$15)/100}' /proc/$pid/stat)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for dfd in "$@"; do
    name=$(basename "$(dirname "$dfd")")
    t "$name search text (clip)" "$dfd" search "a watercolor painting of a red fox in the snow" --mode clip --pack "$pack" -k 10 --cutoff none --device cpu --db "$db" --json
    t "$name similar outside image" "$dfd" similar "$image" --pack "$pack" -k 10 --cutoff none --device cpu --db "$db" --json
    t "$name similar catalog image id" "$dfd" similar 4242 --pack "$pack" -k 10 --cutoff none --device cpu --db "$db" --json
    t "$name search prompt" "$dfd" search --prompt "watercolor fox" --mode prompt -k 10 --db "$db" --json
    t "$name stats" "$dfd" stats --db "$db" --json
    serve "$name" "$dfd"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
