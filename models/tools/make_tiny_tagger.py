#!/usr/bin/env python3
"""A tiny WD14-style tagger (SmilingWolf's wd-v1-4 signature: input `input_1:0` float32 [batch, 448, 448, 3], BGR
0–255; output `predictions_sigmoid` [batch, tags]) with selected_tags.csv, random weights, ONNX opset 14, and
goldens.json from the PyTorch forward on the reference preprocessing (the wd-v1-4 tagger Space: RGBA composited on
white, padded to a square with white, bicubic to 448, RGB to BGR, 0–255 floats).

Usage: /usr/bin/python3 models/tools/make_tiny_tagger.py   (writes models/tiny-wd14-tagger)
"""
import csv, inspect, json, os
import numpy as np
import torch
from torch import nn
from PIL import Image

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "models", "tiny-wd14-tagger")
IMAGES = os.path.join(ROOT, "tests", "DrawingFromDiffusion.Onnx.Tests", "TestData", "Clip")
PNGS = ["preprocess-gradient_300x200_rgb.png", "preprocess-checkerboard_640x480_rgb.png",
        "preprocess-extra_gray_231x224_L.png", "preprocess-extra_palette_120x90_P.png"]
SIZE = 448
# (name, category): 9 = rating, 0 = general, 4 = character, as in selected_tags.csv.
TAGS = [("general", 9), ("sensitive", 9), ("questionable", 9), ("explicit", 9),
        ("1girl", 0), ("solo", 0), ("smile", 0), ("outdoors", 0), ("sky", 0), ("tree", 0), ("red_hair", 0),
        ("simple_background", 0), ("white_background", 0), ("checkered_background", 0), ("gradient", 0), ("monochrome", 0),
        ("hatsune_miku", 4), ("hakurei_reimu", 4), ("kirisame_marisa", 4), ("saber_(fate)", 4)]


class TinyTagger(nn.Module):
    def __init__(self, tags):
        super().__init__()
        self.patch = nn.Conv2d(3, 12, 16, 16)
        self.mix = nn.Conv2d(12, 24, 4, 4)
        self.head = nn.Linear(24, tags)
        nn.init.normal_(self.head.weight, std=1.5)

    def forward(self, x):
        x = x.permute(0, 3, 1, 2) / 127.5 - 1.0
        x = torch.relu(self.mix(torch.relu(self.patch(x))))
        return torch.sigmoid(self.head(x.mean((2, 3))))


def preprocess(path):
    image = Image.open(path).convert("RGBA")
    canvas = Image.new("RGBA", image.size, (255, 255, 255))
    canvas.alpha_composite(image)
    image = canvas.convert("RGB")
    side = max(image.size)
    padded = Image.new("RGB", (side, side), (255, 255, 255))
    padded.paste(image, ((side - image.size[0]) // 2, (side - image.size[1]) // 2))
    if side != SIZE:
        padded = padded.resize((SIZE, SIZE), Image.BICUBIC)
    return torch.from_numpy(np.asarray(padded, dtype=np.float32)[:, :, ::-1].copy()).unsqueeze(0)


def main():
    torch.manual_seed(14)
    os.makedirs(OUT, exist_ok=True)
    model = TinyTagger(len(TAGS)).eval()
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    with torch.no_grad():
        torch.onnx.export(model, torch.zeros(1, SIZE, SIZE, 3), os.path.join(OUT, "model.onnx"), input_names=["input_1:0"],
                          output_names=["predictions_sigmoid"], opset_version=14,
                          dynamic_axes={"input_1:0": {0: "batch"}, "predictions_sigmoid": {0: "batch"}}, **legacy)
    with open(os.path.join(OUT, "selected_tags.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["tag_id", "name", "category", "count"])
        for i, (name, category) in enumerate(TAGS):
            w.writerow([1000 + i, name, category, 5000 - i])
    golden = {"note": "PyTorch forward of make_tiny_tagger.py on the reference preprocessing", "images": []}
    with torch.no_grad():
        for png in PNGS:
            x = preprocess(os.path.join(IMAGES, png))
            golden["images"].append({"png": png, "pixel_sum": float(x.sum()), "scores": model(x)[0].tolist()})
    with open(os.path.join(OUT, "goldens.json"), "w") as f:
        json.dump(golden, f, indent=1)
    print("wrote", OUT, os.path.getsize(os.path.join(OUT, "model.onnx")))


if __name__ == "__main__":
    main()
