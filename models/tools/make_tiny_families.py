#!/usr/bin/env python3
"""Tiny architecture-faithful packs for the SentencePiece families, laid out as Immich exports them
(config.json, visual/model.onnx + preprocess_cfg.json, textual/model.onnx + tokenizer files), with random
weights, ONNX opset 14, and goldens.json from the PyTorch forward; plus the tokenizer id vectors of each family
against Debian's python3-sentencepiece (tests/DrawingFromDiffusion.Core.Tests/TestData/SentencePiece).

  tiny-siglip       SigLIP: timm SigLIP ViT (no class token, attention-pool head), open_clip text transformer
                    (no causal mask, last-token pooling), T5-style unigram SentencePiece, 64 ids padded with </s>.
  tiny-siglip2      SigLIP 2: the same towers with a Gemma-style BPE SentencePiece (byte fallback), padded with <pad>,
                    shipped as Immich and HF do: Gemma's tokenizer.json (GemmaConverter layout), no .model; plus
                    tiny-siglip2-hf (Hugging Face layout, "siglip" config), as tiny-siglip has tiny-siglip-hf.
  tiny-nllb-siglip  NLLB-CLIP: NLLB (M2M100) encoder, sinusoidal positions, mean pooling, linear projection;
                    SigLIP image tower; fairseq ids with a language code before the text.
  tiny-xlmr-clip    M-CLIP XLM-Roberta + ViT-B-16-plus: XLM-R encoder (post-LN), mean pooling, linear projection;
                    open_clip ViT with class token, shortest-side resize + centre crop, OpenAI mean/std.

Usage: /usr/bin/python3 models/tools/make_tiny_families.py [--only NAME] [--tokenizers-only]
Only needed to change the fixtures: CI and tests need no Python.
"""
import argparse, json, os, sys, tempfile

sys.path.insert(0, os.path.dirname(__file__))
import sentencepiece_families as spf

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOKENIZER_TESTS = os.path.join(ROOT, "tests", "DrawingFromDiffusion.Core.Tests", "TestData", "SentencePiece")
PACKS = {"tiny-siglip": "siglip", "tiny-siglip2": "siglip2", "tiny-nllb-siglip": "nllb", "tiny-xlmr-clip": "xlm-roberta"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=PACKS)
    ap.add_argument("--tokenizers-only", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for pack, family in PACKS.items():
            if args.only and args.only != pack:
                continue
            out = os.path.join(ROOT, "models", pack)
            ref = spf.write_tokenizer(family, out, TOKENIZER_TESTS, work)
            if not args.tokenizers_only:
                import tiny_towers
                tiny_towers.write_pack(pack, family, out, ref)
            print("wrote", out)


if __name__ == "__main__":
    main()
