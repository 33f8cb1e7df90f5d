#!/usr/bin/env bash
# Index time (wall and CPU) of hostile inputs: 1/8/50 MB text chunks and 10^3–10^5 LoRA tags, one file per catalog.
# Usage: benchmarks/hostile-input/run.sh [DFD]   (DFD: the dfd executable; default: the Release build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dfd=${1:-$here/../../src/DrawingFromDiffusion.Cli/bin/Release/net10.0/dfd}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make-inputs.py" "$work/in"
printf '%-12s %10s %10s %8s\n' case wall_s cpu_s rc
for case in text-1mb text-8mb text-50mb lora-1000 lora-10000 lora-100000; do
  rc=0
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$dfd" index "$work/in/$case" --db "$work/$case.db" --no-embed --workers 1 >/dev/null 2>&1 || rc=$?
  read -r wall user sys < "$work/time"
  printf '%-12s %10s %10.2f %8s\n' "$case" "$wall" "$(echo "$user + $sys" | bc)" "$rc"
done
"$dfd" meta "$work/in/lora-100000/loras.png" --json | python3 -c 'import json,sys; m=json.load(sys.stdin); print("lora-100000: loras parsed =", len(m.get("loras") or []))'
