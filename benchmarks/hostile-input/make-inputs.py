#!/usr/bin/env python3
"""Writes the hostile-input benchmark files into OUT: PNGs with 1, 8 and 50 MB tEXt chunks, and A1111 PNGs with
10^3, 10^4 and 10^5 <lora:...> tags (a 'parameters' text chunk), each in its own folder."""
import os, struct, sys, zlib

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

def png(extra):
    width, height = 64, 64
    rows = b"".join(b"\0" + bytes((x * 4 + y) % 256 for x in range(width * 3)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + b"".join(chunk(k, d) for k, d in extra) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))

out = sys.argv[1]
for mb in (1, 8, 50):
    folder = os.path.join(out, f"text-{mb}mb"); os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "big.png"), "wb") as f:
        f.write(png([(b"tEXt", b"Comment\0" + b"a" * (mb << 20))]))
for tags in (1000, 10000, 100000):
    folder = os.path.join(out, f"lora-{tags}"); os.makedirs(folder, exist_ok=True)
    prompt = "a fox, " + " ".join(f"<lora:style{i}:0.5>" for i in range(tags))
    hashes = ", ".join(f"style{i}: {i:012x}" for i in range(tags))
    text = f"{prompt}\nNegative prompt: blur\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 64x64, Lora hashes: \"{hashes}\""
    with open(os.path.join(folder, "loras.png"), "wb") as f:
        f.write(png([(b"tEXt", b"parameters\0" + text.encode())]))
