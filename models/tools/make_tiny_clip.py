#!/usr/bin/env python3
"""Generates CLIP-architecture ONNX packs with random weights, plus golden embeddings.

  tiny   (default): the test fixture committed in models/tiny-clip (~6 MB: small ViT, small causal text
                    transformer, the real 49408-token vocabulary), with goldens.json from a PyTorch forward.
  vitb32          : same architecture and FLOPs as OpenAI ViT-B/32 (random weights, ~600 MB) for benchmarks;
                    never committed.

Both export the Hugging Face / Xenova tensor names: vision `pixel_values` -> `image_embeds`,
text `input_ids` (int64, dynamic length) -> `text_embeds`; neither output is normalised.

Usage: /usr/bin/python3 models/tools/make_tiny_clip.py [--preset tiny|vitb32] [--out DIR] [--data DIR]
Only needed to change the fixture: CI and tests need no Python.
"""
import argparse, hashlib, inspect, json, math, os, shutil, sys
import numpy as np
import torch
from torch import nn

PRESETS = {
    "tiny": dict(embed=32, v_width=48, v_layers=2, v_heads=4, patch=32, image=224,
                 t_width=24, t_layers=2, t_heads=2, context=77, vocab=49408),
    "vitb32": dict(embed=512, v_width=768, v_layers=12, v_heads=12, patch=32, image=224,
                   t_width=512, t_layers=12, t_heads=8, context=77, vocab=49408),
}
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)
        self.ln2 = nn.LayerNorm(width)
        self.fc1 = nn.Linear(width, 4 * width)
        self.fc2 = nn.Linear(4 * width, width)

    def forward(self, x, mask=None):
        b, n, w = x.shape
        h = self.ln1(x)
        q, k, v = self.qkv(h).reshape(b, n, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(w // self.heads))
        if mask is not None:
            att = att + mask
        att = att.softmax(-1)
        x = x + self.out((att @ v).transpose(1, 2).reshape(b, n, w))
        h = self.fc1(self.ln2(x))
        h = h * torch.sigmoid(1.702 * h)  # QuickGELU, as in OpenAI CLIP
        return x + self.fc2(h)


class Vision(nn.Module):
    def __init__(self, p):
        super().__init__()
        w = p["v_width"]
        self.patch = nn.Conv2d(3, w, p["patch"], p["patch"], bias=False)
        n = (p["image"] // p["patch"]) ** 2 + 1
        self.cls = nn.Parameter(torch.randn(w) * w ** -0.5)
        self.pos = nn.Parameter(torch.randn(n, w) * w ** -0.5)
        self.pre = nn.LayerNorm(w)
        self.blocks = nn.ModuleList(Block(w, p["v_heads"]) for _ in range(p["v_layers"]))
        self.post = nn.LayerNorm(w)
        self.proj = nn.Linear(w, p["embed"], bias=False)

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        cls = self.cls.expand(x.shape[0], 1, -1)
        x = self.pre(torch.cat([cls, x], 1) + self.pos)
        for blk in self.blocks:
            x = blk(x)
        return self.proj(self.post(x[:, 0]))


class Text(nn.Module):
    def __init__(self, p):
        super().__init__()
        w = p["t_width"]
        self.tok = nn.Embedding(p["vocab"], w)
        nn.init.normal_(self.tok.weight, std=0.02)
        self.pos = nn.Parameter(torch.randn(p["context"], w) * 0.01)
        self.blocks = nn.ModuleList(Block(w, p["t_heads"]) for _ in range(p["t_layers"]))
        self.final = nn.LayerNorm(w)
        self.proj = nn.Linear(w, p["embed"], bias=False)
        self.register_buffer("causal", torch.full((p["context"], p["context"]), float("-inf")).triu(1))

    def forward(self, input_ids):
        n = input_ids.shape[1]
        x = self.tok(input_ids) + self.pos[:n]
        mask = self.causal[:n, :n]
        for blk in self.blocks:
            x = blk(x, mask)
        x = self.final(x)
        # Pool the first EOT: 49407 is the largest id, and ArgMax returns the first maximum.
        pooled = x[torch.arange(x.shape[0]), input_ids.argmax(-1)]
        return self.proj(pooled)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def openai_preprocess(path, size=224):
    """The OpenAI transform on Pillow: resize shortest side (bicubic) -> centre crop (round half even) -> RGB -> normalise."""
    from PIL import Image
    im = Image.open(path)
    w, h = im.size
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = size, int(size * long / short)
    nw, nh = (new_short, new_long) if w <= h else (new_long, new_short)
    if (nw, nh) != (w, h):
        im = im.resize((nw, nh), Image.BICUBIC)
    top = int(round((nh - size) / 2.0))
    left = int(round((nw - size) / 2.0))
    im = im.crop((left, top, left + size, top + size)).convert("RGB")
    a = np.asarray(im, dtype=np.uint8).astype(np.float32) / np.float32(255)
    a = (a - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    return torch.from_numpy(a.transpose(2, 0, 1).copy())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="tiny", choices=PRESETS)
    ap.add_argument("--out", default=None)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "tests",
                                                   "DrawingFromDiffusion.Onnx.Tests", "TestData", "Clip"))
    ap.add_argument("--vocab", default=None, help="bpe_simple_vocab_16e6.txt.gz to copy into the pack")
    ap.add_argument("--seed", type=int, default=20240611)
    args = ap.parse_args()
    p = PRESETS[args.preset]
    root = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
    out = args.out or os.path.join(root, "tiny-clip" if args.preset == "tiny" else "bench-vitb32")
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    vision, text = Vision(p).eval(), Text(p).eval()

    # Newer torch defaults to the dynamo exporter; the TorchScript one gives the opset-14 graph the fixtures were made with.
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    with torch.no_grad():
        torch.onnx.export(vision, torch.zeros(1, 3, p["image"], p["image"]), os.path.join(out, "vision_model.onnx"),
                          input_names=["pixel_values"], output_names=["image_embeds"], opset_version=14,
                          dynamic_axes={"pixel_values": {0: "batch_size"}, "image_embeds": {0: "batch_size"}}, **legacy)
        ids = torch.zeros(1, p["context"], dtype=torch.int64)
        ids[0, 0], ids[0, 5] = 49406, 49407
        torch.onnx.export(text, ids, os.path.join(out, "text_model.onnx"),
                          input_names=["input_ids"], output_names=["text_embeds"], opset_version=14,
                          dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                                        "text_embeds": {0: "batch_size"}}, **legacy)

    vocab = args.vocab or os.path.join(root, "tiny-clip", "bpe_simple_vocab_16e6.txt.gz")
    if os.path.abspath(os.path.dirname(vocab)) != os.path.abspath(out):
        shutil.copyfile(vocab, os.path.join(out, "bpe_simple_vocab_16e6.txt.gz"))

    files = ["vision_model.onnx", "text_model.onnx", "bpe_simple_vocab_16e6.txt.gz"]
    pack_id = "tiny-clip" if args.preset == "tiny" else "bench-vitb32"
    manifest = {
        "format": 1, "id": pack_id, "family": "clip",
        "description": ("tiny CLIP-architecture test pack with random weights (tests only)" if args.preset == "tiny"
                        else "ViT-B/32-cost CLIP with random weights (benchmarks only)"),
        "embedding_size": p["embed"], "outputs_normalized": False,
        "image": {"file": "vision_model.onnx", "input": "pixel_values", "input_dtype": "float32", "output": "image_embeds",
                  "size": p["image"], "resize": "shortest", "size_rounding": "torchvision", "crop_rounding": "half_even",
                  "convert_rgb": "after_resize", "mean": MEAN, "std": STD, "channel_order": "rgb", "layout": "nchw",
                  "pixel_scale": 255.0, "fixed_batch": None},
        "text": {"file": "text_model.onnx", "input": "input_ids", "input_dtype": "int64", "output": "text_embeds",
                 "tokenizer": {"kind": "clip-bpe", "vocab": "bpe_simple_vocab_16e6.txt.gz", "cleaning": "openai"},
                 "context_length": p["context"], "pad_id": 0, "dynamic_length": True, "attention_mask": None},
        "files": {f: sha256(os.path.join(out, f)) for f in files},
    }
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")

    if args.preset != "tiny":
        print(f"wrote {out}")
        return

    # Goldens: a PyTorch forward on reference-preprocessed pixels and reference token ids.
    images = json.load(open(os.path.join(args.data, "preprocess-vectors.json")))["images"]
    texts = json.load(open(os.path.join(args.data, "..", "..", "..", "DrawingFromDiffusion.Core.Tests", "TestData", "Clip", "tokenizer-vectors.json")))
    golden = {"pack": pack_id, "note": "PyTorch forward of make_tiny_clip.py; embeddings not normalised", "images": [], "texts": []}
    with torch.no_grad():
        for im in images:
            x = openai_preprocess(os.path.join(args.data, im["input_png"])).unsqueeze(0)
            golden["images"].append({"name": im["name"], "png": im["input_png"],
                                     "embedding": vision(x)[0].tolist()})
        for case in texts:
            ids = torch.tensor([case["ids"]], dtype=torch.int64)
            golden["texts"].append({"name": case["name"], "text": case["text"], "ids": case["ids"],
                                    "embedding": text(ids)[0].tolist()})
    with open(os.path.join(out, "goldens.json"), "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print(f"wrote {out}: " + ", ".join(f"{f} {os.path.getsize(os.path.join(out, f))}" for f in files))


if __name__ == "__main__":
    main()
