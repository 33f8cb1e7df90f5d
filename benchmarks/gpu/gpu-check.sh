#!/usr/bin/env bash
# GPU check for the embedding stage (prepared here, run by the lead on a lent GPU machine).
# The machine has an NVIDIA GPU, Python 3.12 with torch + onnx and the nvidia-cublas / nvidia-cudnn-cu13 wheels, but NO .NET.
# Carried in (each call ≤ 64 MiB, so split over calls; carried paths stay on a warm machine):
#   publish/           dotnet publish src/DrawingFromDiffusion.Cli -c Release -r linux-x64 --self-contained -p:PublishTrimmed=false -o publish
#                      (minus runtimes' libonnxruntime_providers_cuda.so, which alone is 284 MB)
#   cuda-ep/*.zst      libonnxruntime_providers_cuda.so from ~/.nuget/packages/microsoft.ml.onnxruntime.gpu.linux/1.31.0/runtimes/linux-x64/native/,
#                      compressed with `zstd -19` (~186 MB) and cut with `split -b 60M` into parts carried over successive calls
# Usage: benchmarks/gpu/gpu-check.sh [publish-dir] [cuda-ep-dir]
set -euo pipefail
PUB=${1:-publish}; EP=${2:-cuda-ep}; OUT=${OUT:-/tmp/gpu-out}; WORK=$(mktemp -d)
mkdir -p "$OUT"
PY=${PYTHON:-python3}

# 1. The CUDA provider next to libonnxruntime.so (ORT looks for providers in its own folder).
if [ ! -f "$PUB/libonnxruntime_providers_cuda.so" ]; then
  cat "$EP"/libonnxruntime_providers_cuda.so.zst.* | zstd -d -o "$PUB/libonnxruntime_providers_cuda.so"
fi

# 2. CUDA 13 libraries come from the pip wheels: every nvidia/*/lib folder goes on LD_LIBRARY_PATH
#    (cublas, cublasLt, cudart, cudnn, curand...). libcuda.so.1 comes from the driver.
SITE=$($PY -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
LD_LIBRARY_PATH=$(ls -d "$SITE"/nvidia/*/lib 2>/dev/null | paste -sd: -)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH

# 3. A ViT-B/32-cost pack with random weights from this machine's torch, and 512² PNGs.
$PY models/tools/make_tiny_clip.py --preset vitb32 --out "$WORK/pack" --vocab models/tiny-clip/bpe_simple_vocab_16e6.txt.gz
$PY - "$WORK/imgs" <<'PYEOF'
import sys, os, numpy as np, zlib, struct
d = sys.argv[1]; os.makedirs(d, exist_ok=True); rng = np.random.default_rng(0)
def png(path, a):
    raw = b"".join(b"\0" + row.tobytes() for row in a)
    chunk = lambda t, b: struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 512, 512, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
for i in range(512):
    small = rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)
    png(f"{d}/img{i:04d}.png", np.kron(small, np.ones((32, 32, 1), dtype=np.uint8)))
PYEOF

export DFD_MODELS="$WORK/models"
"$PUB/dfd" models add "$WORK/pack" --id vitb32
"$PUB/dfd" doctor | tee "$OUT/doctor.txt" || true

# 4. Index on CUDA (fails loudly if CUDA cannot be used), then the same images on CPU for agreement.
for bs in 32 64; do
  rm -f "$WORK/gpu.db"*
  "$PUB/dfd" index "$WORK/imgs" --db "$WORK/gpu.db" --model vitb32 --device cuda --require-gpu --batch-size $bs --precision f32 --json | tee "$OUT/index-cuda-b$bs.json"
done
mkdir -p "$WORK/cpu-imgs"; ls "$WORK/imgs" | head -n 64 | while read -r f; do cp "$WORK/imgs/$f" "$WORK/cpu-imgs/"; done
"$PUB/dfd" index "$WORK/cpu-imgs" --db "$WORK/cpu.db" --model vitb32 --device cpu --precision f32 --json > "$OUT/index-cpu.json"

# 5. Cosine between CPU and GPU vectors of the same content (joined on the content hash).
$PY - "$WORK/gpu.db" "$WORK/cpu.db" <<'PYEOF' | tee "$OUT/agreement.txt"
import sqlite3, sys, numpy as np
def load(p):
    c = sqlite3.connect(p)
    return {h: np.frombuffer(v, "<f4") for h, v in c.execute("select i.content_hash, e.vector from embeddings e join images i on i.id = e.image_id")}
g, c = load(sys.argv[1]), load(sys.argv[2])
cos = [float(g[h] @ c[h] / np.linalg.norm(g[h]) / np.linalg.norm(c[h])) for h in c if h in g]
print(f"CPU/GPU cosine over {len(cos)} images: min {min(cos):.6f} mean {np.mean(cos):.6f} (goal >= 0.999)")
PYEOF
