#!/usr/bin/env bash
# Makes the `dfd index` benchmark corpus: N (default 600) mixed PNG/JPEG images of 512–1024 px,
# cut from GNOME wallpapers (photographic and rendered) and composited with openclipart drawings.
# Deterministic (seeded). Needs Debian's python3-pil, gnome-backgrounds and openclipart-png (installed when missing).
#   benchmarks/scan/make-corpus.sh OUT_DIR [N]
set -euo pipefail
out="${1:?usage: make-corpus.sh OUT_DIR [N]}"
count="${2:-600}"
missing=()
/usr/bin/python3 -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
[ -d /usr/share/backgrounds/gnome ] || missing+=(gnome-backgrounds)
[ -d /usr/share/openclipart ] || missing+=(openclipart-png)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
mkdir -p "$out"
/usr/bin/python3 - "$out" "$count" <<'PY'
import glob, os, random, sys
from PIL import Image
out, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20240601)
walls = sorted(glob.glob("/usr/share/backgrounds/gnome/*.webp") + glob.glob("/usr/share/backgrounds/gnome/*.jpg") + glob.glob("/usr/share/backgrounds/gnome/*.png"))
clips = sorted(glob.glob("/usr/share/openclipart/png/**/*.png", recursive=True))
rng.shuffle(clips)
opened = {}
def wall(path):
    if path not in opened:
        im = Image.open(path).convert("RGB")
        im.thumbnail((2048, 2048))
        opened[path] = im
    return opened[path]
for i in range(count):
    w, h = rng.randint(512, 1024), rng.randint(512, 1024)
    base = wall(rng.choice(walls))
    scale = rng.uniform(0.5, 1.0)
    cw, ch = max(64, int(base.width * scale)), max(64, int(base.height * scale))
    x, y = rng.randint(0, base.width - cw), rng.randint(0, base.height - ch)
    img = base.crop((x, y, x + cw, y + ch)).resize((w, h), Image.LANCZOS)
    clip = Image.open(clips[i % len(clips)]).convert("RGBA")
    clip.thumbnail((int(w * 0.7), int(h * 0.7)))
    img.paste(clip, (rng.randint(0, w - clip.width), rng.randint(0, h - clip.height)), clip)
    folder = os.path.join(out, f"set{i // 100:02d}")
    os.makedirs(folder, exist_ok=True)
    if i % 2 == 0:
        img.save(os.path.join(folder, f"img{i:04d}.png"), optimize=False, compress_level=6)
    else:
        img.save(os.path.join(folder, f"img{i:04d}.jpg"), quality=90)
PY
echo "$count images in $out ($(du -sh "$out" | cut -f1))"
