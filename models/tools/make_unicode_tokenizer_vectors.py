#!/usr/bin/env python3
"""Reference ids for CLIP tokenizer vectors with combining marks, Hangul jamo and compatibility characters
(tests/DrawingFromDiffusion.Core.Tests/TestData/Clip/unicode-vectors.json).

The reference is OpenAI CLIP's simple_tokenizer (its BPE, regex and cleaning order), with Debian's python3-regex.
ftfy is not packaged by Debian: for these strings ftfy.fix_text reduces to its ligature and character-width maps
(ftfy 6.x chardata, the l/w rows of clip-text-tables.tsv) followed by NFC, because none of them holds HTML
entities, mojibake, C1 or control characters, curly quotes or line breaks. Compatibility characters other than
ligatures and width forms are kept: ftfy normalises with NFC, not NFKC.

Usage: /usr/bin/python3 models/tools/make_unicode_tokenizer_vectors.py
"""
import gzip, html, json, os, unicodedata
import regex as re

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
TABLES = os.path.join(ROOT, "src/DrawingFromDiffusion.Core/Text/clip-text-tables.tsv")
VOCAB = os.path.join(ROOT, "models/tiny-clip/bpe_simple_vocab_16e6.txt.gz")
OUT = os.path.join(ROOT, "tests/DrawingFromDiffusion.Core.Tests/TestData/Clip/unicode-vectors.json")

CASES = {
    "combining_acute_e": "Cafe\u0301 au lait",
    "combining_ring_A": "A\u030Angstro\u0308m",
    "combining_marks_reordered": "q\u0303\u0323 d\u0307\u0323",
    "combining_no_precomposed": "x\u0303y\u0308z",
    "combining_two_accents_vietnamese": "Vie\u0323\u0302t Nam pho\u031B\u0309",
    "angstrom_and_kelvin_signs": "5 \u212B at 300 \u212A, 10 \u2126",
    "devanagari_nukta_exclusion": "\u0958\u0959 \u0915\u093C",
    "cjk_compatibility_ideograph": "\uF900\uF901 \u8C48",
    "hangul_jamo_lvt": "\u1100\u1161\u11A8 \u1112\u1161\u11AB\u1100\u1173\u11AF",
    "hangul_jamo_lv_plus_t": "\uAC00\u11A8 \uD55C\u1100\u1173\u11AF",
    "hangul_precomposed": "\uD55C\uAD6D\uC5B4 \uADF8\uB9BC",
    "halfwidth_katakana_voiced": "\uFF76\uFF9E\uFF9D\uFF80\uFF9E\uFF91",
    "fullwidth_latin": "\uFF21\uFF29 \uFF41\uFF52\uFF54",
    "ligatures": "\uFB01ne \uFB03ce \uFB00",
    "compat_kept_circled_superscript": "\u2460\u2461 x\u00B2 \u2122 \u2163",
    "compat_kept_fraction_and_roman": "\u00BD cup \u216B o'clock",
    "decomposed_greek_tonos": "\u0391\u0301\u0398\u0397\u039D\u0391 \u03B9\u0308\u0301",
    "mixed_precomposed_and_decomposed": "cr\u00E8me cre\u0300me CR\u00C8ME CRE\u0300ME",
}


def tables():
    ligatures, width = {}, {}
    for line in open(TABLES, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if parts[0] in ("l", "w"):
            value = "".join(chr(int(h, 16)) for h in parts[2].split()) if parts[2] else ""
            (ligatures if parts[0] == "l" else width)[int(parts[1], 16)] = value
    return ligatures, width


LIGATURES, WIDTH = tables()


def fix_text(text):
    text = text.translate(LIGATURES).translate(WIDTH)
    return unicodedata.normalize("NFC", text)


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def get_pairs(word):
    return {(word[i], word[i + 1]) for i in range(len(word) - 1)}


class SimpleTokenizer:
    def __init__(self):
        self.byte_encoder = bytes_to_unicode()
        merges = gzip.open(VOCAB).read().decode("utf-8").split("\n")[1:49152 - 256 - 2 + 1]
        merges = [tuple(m.split()) for m in merges]
        vocab = list(self.byte_encoder.values())
        vocab = vocab + [v + "</w>" for v in vocab]
        vocab += ["".join(m) for m in merges] + ["<|startoftext|>", "<|endoftext|>"]
        self.encoder = dict(zip(vocab, range(len(vocab))))
        self.bpe_ranks = dict(zip(merges, range(len(merges))))
        self.pat = re.compile(r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""", re.IGNORECASE)

    def bpe(self, token):
        word = tuple(token[:-1]) + (token[-1] + "</w>",)
        pairs = get_pairs(word)
        if not pairs:
            return token + "</w>"
        while True:
            bigram = min(pairs, key=lambda p: self.bpe_ranks.get(p, float("inf")))
            if bigram not in self.bpe_ranks:
                break
            first, second = bigram
            new_word, i = [], 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                    new_word.extend(word[i:j])
                    i = j
                except ValueError:
                    new_word.extend(word[i:])
                    break
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new_word.append(first + second)
                    i += 2
                else:
                    new_word.append(word[i])
                    i += 1
            word = tuple(new_word)
            if len(word) == 1:
                break
            pairs = get_pairs(word)
        return " ".join(word)

    def clean(self, text):
        text = html.unescape(html.unescape(fix_text(text))).strip()
        return re.sub(r"\s+", " ", text).strip().lower()

    def encode(self, text):
        ids = []
        for token in re.findall(self.pat, self.clean(text)):
            token = "".join(self.byte_encoder[b] for b in token.encode("utf-8"))
            ids.extend(self.encoder[t] for t in self.bpe(token).split(" "))
        return ids


tok = SimpleTokenizer()
vectors = []
for name, text in CASES.items():
    ids = [49406] + tok.encode(text)[:75] + [49407]
    vectors.append({"name": name, "text": text, "cleaned_text": tok.clean(text), "ids": ids + [0] * (77 - len(ids))})
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(vectors, f, ensure_ascii=True, indent=1)
print(OUT, len(vectors), "vectors; Unicode", unicodedata.unidata_version)
