#!/usr/bin/env bash
# On the GPU machine: reassemble the parts carried over successive calls into /tmp/stage
# (a self-contained `dfd` publish and the zstd-compressed ONNX Runtime CUDA provider), then run gpu-check.sh.
# That machine has no zstd: a copy travels in /tmp/stage/bin with the libraries it links.
set -euo pipefail
S=/tmp/stage
unzstd() { LD_LIBRARY_PATH="$S/bin" "$S/bin/zstd" "$@"; }
cat "$S"/part.* | tar -C "$S" -xf -
mkdir -p "$S/publish"
unzstd -dc "$S/publish.tar.zst" | tar -C "$S/publish" -xf -
unzstd -d -q -f "$S/cuda-ep.zst" -o "$S/publish/libonnxruntime_providers_cuda.so"
bash benchmarks/gpu/gpu-check.sh "$S/publish" "$S/unused"
