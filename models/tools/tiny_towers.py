"""The towers of the tiny family packs (see make_tiny_families.py): random weights, the reference architecture in
small sizes, exported with ONNX opset 14 under Immich's tensor names, with goldens from the PyTorch forward."""
import hashlib, inspect, json, math, os
import numpy as np
import torch
from torch import nn
from PIL import Image

IMAGES = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "DrawingFromDiffusion.Onnx.Tests", "TestData", "Clip")
PNGS = ["preprocess-gradient_300x200_rgb.png", "preprocess-checkerboard_640x480_rgb.png",
        "preprocess-extra_gray_231x224_L.png", "preprocess-extra_palette_120x90_P.png"]
OPENAI_MEAN = [0.48145466, 0.4578275, 0.40821073]
OPENAI_STD = [0.26862954, 0.26130258, 0.27577711]
QUERIES = [("a watercolor fox at dusk", "eng_Latn"), ("лиса в сумерках, акварель", "rus_Cyrl"),
           ("黄昏时的狐狸", "zho_Hans"), ("ثعلب عند الغسق في الغابة", "arb_Arab"), ("夕暮れのキツネ", "jpn_Jpan"),
           ("A Portrait of a Woman, Highly Detailed!", "eng_Latn"), ("", "eng_Latn")]


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x, bias=None):
        b, n, w = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2)) * (w // self.heads) ** -0.5
        if bias is not None:
            att = att + bias
        return self.proj((att.softmax(-1) @ v).transpose(1, 2).reshape(b, n, w))


class PreNormBlock(nn.Module):
    """timm / open_clip block: x + attn(ln(x)), x + mlp(ln(x))."""

    def __init__(self, width, heads, act):
        super().__init__()
        self.ln1, self.attn = nn.LayerNorm(width, eps=1e-6), Attention(width, heads)
        self.ln2 = nn.LayerNorm(width, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), act, nn.Linear(4 * width, width))

    def forward(self, x, bias=None):
        x = x + self.attn(self.ln1(x), bias)
        return x + self.mlp(self.ln2(x))


class SiglipVision(nn.Module):
    """timm SigLIP ViT: patch conv with bias, no class token, final norm, attention-pool (MAP) head."""

    def __init__(self, image, patch, width, layers, heads):
        super().__init__()
        self.patch = nn.Conv2d(3, width, patch, patch)
        self.pos = nn.Parameter(torch.randn(1, (image // patch) ** 2, width) * 0.02)
        self.blocks = nn.ModuleList(PreNormBlock(width, heads, nn.GELU(approximate="tanh")) for _ in range(layers))
        self.norm = nn.LayerNorm(width, eps=1e-6)
        self.latent = nn.Parameter(torch.randn(1, 1, width) * width ** -0.5)
        self.q, self.kv, self.proj = nn.Linear(width, width), nn.Linear(width, 2 * width), nn.Linear(width, width)
        self.heads = heads
        self.pool_norm = nn.LayerNorm(width, eps=1e-6)
        self.pool_mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(approximate="tanh"), nn.Linear(4 * width, width))

    def forward(self, image):
        x = self.patch(image).flatten(2).transpose(1, 2) + self.pos
        for blk in self.blocks:
            x = blk(x)
        x = self.norm(x)
        b, n, w = x.shape
        h = self.heads
        q = self.q(self.latent.expand(b, -1, -1)).reshape(b, 1, h, w // h).transpose(1, 2)
        k, v = self.kv(x).reshape(b, n, 2, h, w // h).permute(2, 0, 3, 1, 4)
        att = ((q @ k.transpose(-1, -2)) * (w // h) ** -0.5).softmax(-1)
        x = self.proj((att @ v).transpose(1, 2).reshape(b, 1, w))
        x = x + self.pool_mlp(self.pool_norm(x))
        return x[:, 0]


class ClipVision(nn.Module):
    """open_clip VisionTransformer (ViT-B-16-plus-240): class token, ln_pre, ln_post on the token, projection."""

    def __init__(self, image, patch, width, layers, heads, embed):
        super().__init__()
        self.patch = nn.Conv2d(3, width, patch, patch, bias=False)
        self.cls = nn.Parameter(torch.randn(width) * width ** -0.5)
        self.pos = nn.Parameter(torch.randn((image // patch) ** 2 + 1, width) * width ** -0.5)
        self.ln_pre, self.ln_post = nn.LayerNorm(width), nn.LayerNorm(width)
        self.blocks = nn.ModuleList(PreNormBlock(width, heads, nn.GELU()) for _ in range(layers))
        self.proj = nn.Parameter(torch.randn(width, embed) * width ** -0.5)

    def forward(self, image):
        x = self.patch(image).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], 1) + self.pos
        x = self.ln_pre(x)
        for blk in self.blocks:
            x = blk(x)
        return self.ln_post(x[:, 0]) @ self.proj


class SiglipText(nn.Module):
    """open_clip TextTransformer as SigLIP configures it: no causal mask, final LN, last-token pooling, biased projection."""

    def __init__(self, vocab, context, width, layers, heads, embed):
        super().__init__()
        self.tok = nn.Embedding(vocab, width)
        self.pos = nn.Parameter(torch.randn(context, width) * 0.01)
        self.blocks = nn.ModuleList(PreNormBlock(width, heads, nn.GELU(approximate="tanh")) for _ in range(layers))
        self.final = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed)

    def forward(self, text):
        x = self.tok(text.long()) + self.pos[: text.shape[1]]
        for blk in self.blocks:
            x = blk(x)
        return self.proj(self.final(x)[:, -1])


def padding_positions(ids, pad):
    """fairseq/HF create_position_ids_from_input_ids: pads keep position pad, the rest count from pad + 1."""
    mask = ids.ne(pad).long()
    return torch.cumsum(mask, 1) * mask + pad


class NllbText(nn.Module):
    """open_clip HFTextEncoder over an NLLB (M2M100) encoder: scaled embeddings, sinusoidal positions, pre-LN layers
    with ReLU, final LN; attention mask from ids != pad; mean pooling; linear projection without bias."""

    def __init__(self, vocab, width, layers, heads, embed, pad=1):
        super().__init__()
        self.pad, self.width, self.heads = pad, width, heads
        self.tok = nn.Embedding(vocab, width, padding_idx=pad)
        self.layers = nn.ModuleList(nn.ModuleDict(dict(
            ln1=nn.LayerNorm(width), attn=Attention(width, heads), ln2=nn.LayerNorm(width),
            fc1=nn.Linear(width, 2 * width), fc2=nn.Linear(2 * width, width))) for _ in range(layers))
        self.final = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed, bias=False)

    def sinusoids(self, positions):
        half = self.width // 2
        freq = torch.exp(torch.arange(half, dtype=torch.float32) * -(math.log(10000.0) / (half - 1)))
        angles = positions.float().unsqueeze(-1) * freq
        return torch.cat([torch.sin(angles), torch.cos(angles)], -1)

    def forward(self, text):
        ids = text.long()
        mask = ids.ne(self.pad)
        x = self.tok(ids) * math.sqrt(self.width) + self.sinusoids(padding_positions(ids, self.pad))
        bias = (~mask)[:, None, None, :].float() * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = x + layer["attn"](layer["ln1"](x), bias)
            x = x + layer["fc2"](torch.relu(layer["fc1"](layer["ln2"](x))))
        x = self.final(x)
        m = mask.unsqueeze(-1).float()
        return self.proj((x * m).sum(1) / m.sum(1))


class XlmrText(nn.Module):
    """M-CLIP: XLM-RoBERTa (learned positions from the pad index, token type 0, post-LN layers, exact GELU),
    mean pooling over the attention mask, linear projection with bias."""

    def __init__(self, vocab, context, width, layers, heads, embed, pad=1):
        super().__init__()
        self.pad = pad
        self.tok = nn.Embedding(vocab, width, padding_idx=pad)
        self.pos = nn.Embedding(context + pad + 1, width, padding_idx=pad)
        self.token_type = nn.Parameter(torch.randn(width) * 0.02)
        self.ln = nn.LayerNorm(width, eps=1e-5)
        self.layers = nn.ModuleList(nn.ModuleDict(dict(
            attn=Attention(width, heads), ln1=nn.LayerNorm(width, eps=1e-5),
            fc1=nn.Linear(width, 4 * width), fc2=nn.Linear(4 * width, width), ln2=nn.LayerNorm(width, eps=1e-5)))
            for _ in range(layers))
        self.proj = nn.Linear(width, embed)

    def forward(self, input_ids, attention_mask):
        ids, mask = input_ids.long(), attention_mask.float()
        x = self.ln(self.tok(ids) + self.pos(padding_positions(ids, self.pad)) + self.token_type)
        bias = (1.0 - mask)[:, None, None, :] * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = layer["ln1"](x + layer["attn"](x, bias))
            x = layer["ln2"](x + layer["fc2"](nn.functional.gelu(layer["fc1"](x))))
        m = mask.unsqueeze(-1)
        return self.proj((x * m).sum(1) / m.sum(1))


def preprocess(path, size, squash, mean, std):
    """Immich's transform on Pillow: RGB, then squash to size×size, or shortest side to size (int(long/short·size))
    and a centre crop at int(centre − size/2); bicubic; /255; mean/std."""
    im = Image.open(path).convert("RGB")
    if squash:
        im = im.resize((size, size), Image.BICUBIC)
    else:
        w, h = im.size
        im = im.resize((size, int(h / w * size)) if w < h else (int(w / h * size), size), Image.BICUBIC)
        left, top = int(im.size[0] / 2 - size / 2), int(im.size[1] / 2 - size / 2)
        im = im.crop((left, top, left + size, top + size))
    a = np.asarray(im, dtype=np.float32) / np.float32(255)
    a = (a - np.array(mean, dtype=np.float32)) / np.array(std, dtype=np.float32)
    return torch.from_numpy(a.transpose(2, 0, 1).copy()).unsqueeze(0)


def export(model, args, path, inputs, output="embedding"):
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(model, args, path, input_names=inputs, output_names=[output], opset_version=14,
                          dynamic_axes={**{n: {0: "batch"} for n in inputs}, output: {0: "batch"}}, **legacy)


def write_hf_layout(out, vision, text, size, context, vocab):
    """The same towers as a Hugging Face / Xenova SigLIP export: onnx/*_model.onnx under HF tensor names,
    tokenizer.json, preprocessor_config.json (SiglipImageProcessor: squash, no crop) and config.json. Fixed-resolution
    SigLIP 2 checkpoints (google/siglip2-base-patch16-224) ship this way too: a "siglip" config with Gemma's tokenizer.json."""
    hf = out + "-hf"
    export(vision, (torch.zeros(1, 3, size, size),), os.path.join(hf, "onnx", "vision_model.onnx"), ["pixel_values"], "image_embeds")
    export(text, (torch.ones(1, context, dtype=torch.int64),), os.path.join(hf, "onnx", "text_model.onnx"), ["input_ids"], "text_embeds")
    for name in ("tokenizer.json", "tokenizer_config.json"):
        with open(os.path.join(out, "textual", name), "rb") as src, open(os.path.join(hf, name), "wb") as dst:
            dst.write(src.read())
    with open(os.path.join(hf, "preprocessor_config.json"), "w") as f:
        json.dump({"image_processor_type": "SiglipImageProcessor", "do_resize": True, "size": {"height": size, "width": size},
                   "resample": 3, "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True,
                   "image_mean": [0.5] * 3, "image_std": [0.5] * 3, "do_convert_rgb": True}, f, indent=2)
    with open(os.path.join(hf, "config.json"), "w") as f:
        json.dump({"model_type": "siglip", "architectures": ["SiglipModel"],
                   "text_config": {"model_type": "siglip_text_model", "vocab_size": vocab, "max_position_embeddings": context},
                   "vision_config": {"model_type": "siglip_vision_model", "image_size": size, "patch_size": 16,
                                     "hidden_size": vision.proj.out_features}}, f, indent=2)


def write_pack(pack, family, out, ref):
    torch.manual_seed(sum(map(ord, pack)))
    rules = ref.rules
    context = rules["context_length"]
    vocab = ref.sp.get_piece_size() + (1 + len(rules.get("languages", [])) + 1 if rules["id_offset"] == "fairseq" else 0)
    if family == "xlm-roberta":
        embed, size, squash, mean, std = 40, 48, False, OPENAI_MEAN, OPENAI_STD
        vision = ClipVision(size, 16, 32, 2, 4, embed).eval()
        text = XlmrText(vocab, context, 32, 2, 4, embed).eval()
        text_inputs = ["input_ids", "attention_mask"]
        hf = "M-CLIP/XLM-Roberta-Large-Vit-B-16Plus"
    else:
        embed, size, squash, mean, std = 48, 64, True, [0.5] * 3, [0.5] * 3
        vision = SiglipVision(size, 16, embed, 2, 4).eval()
        text = (NllbText(vocab, 32, 2, 4, embed) if family == "nllb" else SiglipText(vocab, context, 32, 2, 4, embed)).eval()
        text_inputs = ["text"]
        hf = {"siglip": "timm/ViT-B-16-SigLIP", "siglip2": "timm/ViT-B-16-SigLIP2", "nllb": "facebook/nllb-200-distilled-600M"}[family]
    export(vision, (torch.zeros(1, 3, size, size),), os.path.join(out, "visual", "model.onnx"), ["image"])
    ids, mask = ref.tokenize("a fox")
    ids_t, mask_t = torch.tensor([ids], dtype=torch.int32), torch.tensor([mask], dtype=torch.int32)
    export(text, (ids_t, mask_t) if len(text_inputs) == 2 else (ids_t,), os.path.join(out, "textual", "model.onnx"), text_inputs)

    if family in ("siglip", "siglip2"):
        write_hf_layout(out, vision, text, size, context, vocab)
    with open(os.path.join(out, "visual", "preprocess_cfg.json"), "w") as f:
        json.dump({"size": [size, size], "mode": "RGB", "mean": mean, "std": std, "interpolation": "bicubic",
                   "resize_mode": "squash" if squash else "shortest", "fill_color": 0}, f, indent=2)
    text_cfg = {"context_length": context, "vocab_size": vocab, "width": 32, "layers": 2}
    text_cfg["hf_model_name" if family in ("nllb", "xlm-roberta") else "hf_tokenizer_name"] = hf
    if rules["clean"] == "canonicalize":
        text_cfg["tokenizer_kwargs"] = {"clean": "canonicalize"}
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"embed_dim": embed, "vision_cfg": {"image_size": size, "patch_size": 16, "width": 32 if family == "xlm-roberta" else embed, "layers": 2},
                   "text_cfg": text_cfg}, f, indent=2)

    golden = {"pack": pack, "family": family, "note": "PyTorch forward of models/tools/tiny_towers.py; not normalised",
              "images": [], "texts": []}
    with torch.no_grad():
        for png in PNGS:
            golden["images"].append({"png": png, "embedding": vision(preprocess(os.path.join(IMAGES, png), size, squash, mean, std))[0].tolist()})
        for query, language in QUERIES:
            ids, mask = ref.tokenize(query, language if rules.get("languages") else None)
            args = (torch.tensor([ids]), torch.tensor([mask])) if len(text_inputs) == 2 else (torch.tensor([ids]),)
            entry = {"text": query, "ids": ids, "embedding": text(*args)[0].tolist()}
            if rules.get("languages"):
                entry["language"] = language
            golden["texts"].append(entry)
    with open(os.path.join(out, "goldens.json"), "w") as f:
        json.dump(golden, f, indent=1, ensure_ascii=True)
