"""SentencePiece families (SigLIP, SigLIP 2, XLM-RoBERTa, NLLB): tiny tokenizers trained here, and the
reference rules each family's tokenizer applies around SentencePiece (Debian's python3-sentencepiece).

Imported by make_tiny_families.py; run alone it only trains the tokenizers and writes the id vectors.
"""
import base64, json, os, shutil, string, sys
import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2 as spm_pb2

# A small multilingual text: Latin, Cyrillic, CJK and Arabic scripts (written for these fixtures).
CORPUS = """
a watercolor painting of a fox at dusk in the forest
a portrait of a woman with red hair, highly detailed, soft light
a cat sleeping on a wooden chair near the window
a futuristic city at night with neon lights and rain
an old castle on a hill under a stormy sky
a bowl of fruit on a kitchen table, oil painting
the mountains covered with snow in winter
a small boat on a calm lake at sunrise
une peinture à l'aquarelle d'un renard au crépuscule
un chat qui dort sur une chaise en bois près de la fenêtre
ein Aquarell eines Fuchses in der Dämmerung im Wald
eine Katze schläft auf einem Holzstuhl am Fenster
un retrato de una mujer con el pelo rojo, luz suave
una ciudad futurista de noche con luces de neón y lluvia
Türkçe bir cümle: kırmızı elma ve yeşil ağaç
Việt Nam phở bò và cà phê sữa đá
акварельная картина лисы в сумерках в лесу
портрет женщины с рыжими волосами, мягкий свет
кошка спит на деревянном стуле у окна
футуристический город ночью с неоновыми огнями и дождём
старый замок на холме под грозовым небом
українська мова: кіт спить на стільці біля вікна
黄昏时森林里的一只狐狸的水彩画
一只猫睡在窗边的木椅上
夜晚有霓虹灯和雨的未来城市
暴风雨天空下山上的古老城堡
夕暮れの森の中のキツネの水彩画
窓のそばの木の椅子で眠っている猫
ネオンと雨の夜の未来都市
해질녘 숲 속 여우의 수채화
창가의 나무 의자에서 자고 있는 고양이
네온 불빛과 비가 내리는 밤의 미래 도시
لوحة مائية لثعلب عند الغسق في الغابة
صورة امرأة ذات شعر أحمر وإضاءة ناعمة
قطة نائمة على كرسي خشبي بالقرب من النافذة
مدينة مستقبلية في الليل مع أضواء النيون والمطر
قلعة قديمة على تل تحت سماء عاصفة
1920 2024 3.14 100% 42 7 x 9 = 63
""".strip().split("\n")

# Held-out strings in several scripts, plus edge cases of each rule.
STRINGS = [
    "a watercolor fox at dusk",
    "A Portrait of a Woman, Highly Detailed!",
    "Une peinture à l'aquarelle, crépuscule",
    "Ein Fuchs im Wald: Dämmerung (Aquarell)",
    "лиса в сумерках, акварель",
    "ПОРТРЕТ ЖЕНЩИНЫ С РЫЖИМИ ВОЛОСАМИ",
    "黄昏时的狐狸",
    "夕暮れのキツネ、水彩画",
    "해질녘의 여우 그림",
    "ثعلب عند الغسق في الغابة",
    "Türkçe İstanbul ışık",
    "Việt Nam phở",
    "cafe\u0301 and ＦＵＬＬＷＩＤＴＨ ｶﾞ ①",
    "  leading   and trailing   spaces  ",
    "under_score and hy-phen's quotes \"here\"",
    "emoji 🦊🌆 and symbols ™ © ½",
    "digits 1920 2024 3.14159",
    "mixed: fox лиса 狐狸 ثعلب キツネ",
    "",
    " ".join(["fox"] * 80),
]

# open_clip tokenizer.canonicalize_text (used by SigLIP and SigLIP 2 packs, Immich's clean_text(canonicalize=True)).
_PUNCTUATION = str.maketrans("", "", string.punctuation)


def canonicalize(text):
    text = text.replace("_", " ").translate(_PUNCTUATION).lower()
    return " ".join(text.split()).strip()


# NLLB language codes used by the fixture (the real list has 202; ids follow the SentencePiece pieces).
NLLB_LANGUAGES = ["arb_Arab", "eng_Latn", "fra_Latn", "jpn_Jpan", "kor_Hang", "rus_Cyrl", "zho_Hans"]

FAMILIES = {
    # name: (trainer arguments, rules)
    "siglip": (dict(model_type="unigram", vocab_size=700, pad_id=0, eos_id=1, unk_id=2, bos_id=-1),
               dict(family="siglip", clean="canonicalize", add_bos=False, add_eos=True, id_offset="none",
                    context_length=64, pad_token="</s>")),
    "siglip2": (dict(model_type="bpe", vocab_size=900, pad_id=0, eos_id=1, bos_id=2, unk_id=3, byte_fallback=True,
                     normalization_rule_name="identity", add_dummy_prefix=False, remove_extra_whitespaces=False,
                     split_digits=True, allow_whitespace_only_pieces=True),
                dict(family="siglip2", clean="canonicalize", add_bos=False, add_eos=True, id_offset="none",
                     context_length=64, pad_token="<pad>")),
    "xlm-roberta": (dict(model_type="unigram", vocab_size=800),
                    dict(family="xlm-roberta", clean="none", add_bos=True, add_eos=True, id_offset="fairseq",
                         context_length=77, pad_token="<pad>")),
    "nllb": (dict(model_type="unigram", vocab_size=750),
             dict(family="nllb", clean="none", add_bos=False, add_eos=True, id_offset="fairseq",
                  context_length=64, pad_token="<pad>", languages=NLLB_LANGUAGES, language="eng_Latn")),
}


def train(name, out_dir, work_dir):
    args, _ = FAMILIES[name]
    corpus = os.path.join(work_dir, "corpus.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        f.write("\n".join(CORPUS * 3) + "\n")
    prefix = os.path.join(work_dir, name)
    spm.SentencePieceTrainer.train(input=corpus, model_prefix=prefix, character_coverage=1.0,
                                   hard_vocab_limit=False, num_threads=1, minloglevel=2, **args)
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, "tokenizer.model")
    # The trainer records its input and output paths; blank them so the same run writes the same bytes.
    proto = spm_pb2.ModelProto()
    proto.ParseFromString(open(prefix + ".model", "rb").read())
    proto.trainer_spec.ClearField("input")
    proto.trainer_spec.ClearField("model_prefix")
    with open(target, "wb") as f:
        f.write(proto.SerializeToString())
    return target


class Reference:
    """The family's tokenizer as HF/open_clip apply it, over Debian's sentencepiece."""

    def __init__(self, model_path, rules):
        self.sp = spm.SentencePieceProcessor(model_file=model_path)
        self.rules = rules
        n = self.sp.get_piece_size()
        if rules["id_offset"] == "fairseq":
            # fairseq dictionary: <s>=0 <pad>=1 </s>=2 <unk>=3, then every SentencePiece piece shifted by one.
            self.bos, self.pad, self.eos, self.unk = 0, 1, 2, 3
            self.languages = {code: n + 1 + i for i, code in enumerate(rules.get("languages", []))}
        else:
            self.bos, self.eos = self.sp.bos_id(), self.sp.eos_id()
            self.pad = self.sp.piece_to_id(rules["pad_token"])
            self.languages = {}

    def map_id(self, i):
        if self.rules["id_offset"] != "fairseq":
            return i
        return self.unk if i == self.sp.unk_id() else i + 1

    def clean(self, text):
        return canonicalize(text) if self.rules["clean"] == "canonicalize" else text

    def content_ids(self, text):
        return [self.map_id(i) for i in self.sp.encode(self.clean(text))]

    def tokenize(self, text, language=None):
        rules = self.rules
        prefix = []
        if rules["add_bos"]:
            prefix.append(self.bos)
        if rules.get("languages"):
            prefix.append(self.languages[language or rules["language"]])
        suffix = [self.eos] if rules["add_eos"] else []
        content = self.content_ids(text)[: rules["context_length"] - len(prefix) - len(suffix)]
        ids = prefix + content + suffix
        mask = [1] * len(ids) + [0] * (rules["context_length"] - len(ids))
        return ids + [self.pad] * (rules["context_length"] - len(ids)), mask


def tokenizer_json(model_path, rules):
    """A Hugging Face tokenizer.json (Unigram) for the model, laid out as transformers' converters write it."""
    proto = spm_pb2.ModelProto()
    proto.ParseFromString(open(model_path, "rb").read())
    ref = Reference(model_path, rules)
    pieces = [[p.piece, p.score] for p in proto.pieces]
    if rules["id_offset"] == "fairseq":
        unk_score = pieces[0][1]
        vocab = [["<s>", 0.0], ["<pad>", 0.0], ["</s>", 0.0], ["<unk>", 0.0]] + pieces[3:]
        vocab += [[code, 0.0] for code in rules.get("languages", [])] + [["<mask>", 0.0]]
        unk_id = 3
    else:
        vocab = pieces
        unk_id = proto.trainer_spec.unk_id
    added = [{"id": i, "content": v[0], "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True}
             for i, v in enumerate(vocab) if v[0] in ("<s>", "<pad>", "</s>", "<unk>", "<mask>") or v[0] in rules.get("languages", [])]
    single = []
    if rules["add_bos"]:
        single.append({"SpecialToken": {"id": "<s>", "type_id": 0}})
    single.append({"Sequence": {"id": "A", "type_id": 0}})
    if rules["add_eos"]:
        single.append({"SpecialToken": {"id": "</s>", "type_id": 0}})
    special = {v[0]: {"id": v[0], "ids": [i], "tokens": [v[0]]} for i, v in enumerate(vocab) if v[0] in ("<s>", "</s>")}
    charsmap = base64.b64encode(proto.normalizer_spec.precompiled_charsmap).decode("ascii")
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Precompiled", "precompiled_charsmap": charsmap},
            {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]},
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "post_processor": {"type": "TemplateProcessing", "single": single, "pair": single, "special_tokens": special},
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": unk_id, "vocab": vocab, "byte_fallback": False},
    }


def bpe_merges(proto):
    """Merges as transformers' generate_merges derives them from a SentencePiece BPE model (vocab_scores given):
    every split of a piece into two pieces of the vocabulary, ordered by the piece's score (highest first), then
    by the longer left part, then the longer right part; splits of one piece in the order of their parts' ids."""
    vocab = {p.piece: i for i, p in enumerate(proto.pieces)}
    merges = []
    for piece in proto.pieces:
        local = [(piece.piece[:k], piece.piece[k:], piece.score) for k in range(1, len(piece.piece))
                 if piece.piece[:k] in vocab and piece.piece[k:] in vocab]
        merges.extend(sorted(local, key=lambda m: (vocab[m[0]], vocab[m[1]])))
    merges = sorted(merges, key=lambda m: (m[2], len(m[0]), len(m[1])), reverse=True)
    return [[left, right] for left, right, _ in merges]


def gemma_tokenizer_json(model_path, rules):
    """A Hugging Face tokenizer.json for a SentencePiece BPE model, laid out as transformers' GemmaConverter writes
    Gemma's (SigLIP 2 as Immich and Hugging Face ship it): a BPE model with byte fallback, the vocabulary as a
    piece -> id map, merges as [left, right] pairs, spaces replaced by U+2581, no dummy prefix."""
    proto = spm_pb2.ModelProto()
    proto.ParseFromString(open(model_path, "rb").read())
    spec = proto.trainer_spec
    added = [{"id": i, "content": p.piece, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": p.type != 4}
             for i, p in enumerate(proto.pieces) if p.type in (2, 3, 4)]
    eos, bos = proto.pieces[spec.eos_id].piece, proto.pieces[spec.bos_id].piece
    single = ([{"SpecialToken": {"id": bos, "type_id": 0}}] if rules["add_bos"] else []) + \
        [{"Sequence": {"id": "A", "type_id": 0}}] + \
        ([{"SpecialToken": {"id": eos, "type_id": 0}}] if rules["add_eos"] else [])
    special = {t: {"id": t, "ids": [i], "tokens": [t]} for t, i in ((bos, spec.bos_id), (eos, spec.eos_id))}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
        "pre_tokenizer": {"type": "Split", "pattern": {"String": " "}, "behavior": "MergedWithPrevious", "invert": False},
        "post_processor": {"type": "TemplateProcessing", "single": single, "pair": single, "special_tokens": special},
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
            {"type": "ByteFallback"}, {"type": "Fuse"}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": proto.pieces[spec.unk_id].piece,
                  "continuing_subword_prefix": None, "end_of_word_suffix": None, "fuse_unk": True,
                  "byte_fallback": bool(spec.byte_fallback), "ignore_merges": False,
                  "vocab": {p.piece: i for i, p in enumerate(proto.pieces)}, "merges": bpe_merges(proto)},
    }


def hf_bpe_ids(tokenizer, text):
    """Hugging Face's BPE model over Gemma's tokenizer.json: spaces to U+2581, lowest-rank merge first, byte
    fallback for pieces outside the vocabulary. Checks the written JSON against SentencePiece independently of dfd."""
    model = tokenizer["model"]
    vocab, ranks = model["vocab"], {tuple(m): r for r, m in enumerate(model["merges"])}
    symbols = list(text.replace(" ", "\u2581"))
    while True:
        pairs = [(ranks[(a, b)], i) for i, (a, b) in enumerate(zip(symbols, symbols[1:])) if (a, b) in ranks]
        if not pairs:
            break
        _, i = min(pairs)
        symbols[i:i + 2] = [symbols[i] + symbols[i + 1]]
    ids = []
    for s in symbols:
        ids += [vocab[s]] if s in vocab else [vocab["<0x%02X>" % b] for b in s.encode("utf-8")]
    return ids


def random_strings(count, seed=20):
    """Seeded random strings over every script of the corpus plus spaces, digits, punctuation, width forms,
    combining marks, emoji and control-looking text, to catch rules the hand-picked strings miss."""
    import random
    rng = random.Random(seed)
    alphabet = sorted(set("".join(CORPUS))) + list("  \t\n.,!?'\"-_()[]{}<>/\\@#$%^&*+=~`|:;") + \
        ["\u0301", "\u0308", "\uFF21", "\uFF41", "\uFF76", "\uFF9E", "\uFB01", "\u2460", "\u00BD", "\u3000",
         "\U0001F98A", "\u200B", "\u00A0", "ß", "İ", "Σ", "\u1100", "\u1161", "\u11A8", "<s>", "</s>", "<unk>", "▁"]
    words = [w for line in CORPUS for w in line.split()]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 8)):
            parts.append(rng.choice(words) if rng.random() < 0.5 else "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))))
        text = rng.choice([" ", "", "  "]).join(parts)
        out.append(text.upper() if rng.random() < 0.2 else text)
    return out


def vectors(model_path, rules):
    ref = Reference(model_path, rules)
    out = []
    for text in STRINGS + random_strings(200):
        ids, mask = ref.tokenize(text)
        out.append({"text": text, "ids": ids, "attention_mask": mask,
                    "pieces": ref.sp.encode(ref.clean(text), out_type=str)})
    for code in rules.get("languages", []):
        ids, mask = ref.tokenize("лиса 狐狸 ثعلب fox", code)
        out.append({"text": "лиса 狐狸 ثعلب fox", "language": code, "ids": ids, "attention_mask": mask})
    return out


def write_tokenizer(name, pack_dir, test_dir, work_dir):
    """textual/ tokenizer files as Immich ships them, the .model for the SentencePiece route, and the id vectors."""
    _, rules = FAMILIES[name]
    textual = os.path.join(pack_dir, "textual")
    os.makedirs(textual, exist_ok=True)
    os.makedirs(test_dir, exist_ok=True)
    model = train(name, work_dir, work_dir)
    shutil.copyfile(model, os.path.join(test_dir, name + ".model"))
    ref = Reference(model, rules)
    if name == "siglip2":
        # As Immich and Hugging Face ship SigLIP 2: Gemma's tokenizer.json (BPE with byte fallback), no .model.
        gemma = gemma_tokenizer_json(model, rules)
        for text in STRINGS + random_strings(200):
            expected = ref.sp.encode(ref.clean(text))
            assert hf_bpe_ids(gemma, ref.clean(text)) == expected, f"tokenizer.json differs from SentencePiece on {text!r}"
        with open(os.path.join(textual, "tokenizer.json"), "w", encoding="utf-8") as f:
            json.dump(gemma, f, ensure_ascii=False)
    else:
        with open(os.path.join(textual, "tokenizer.json"), "w", encoding="utf-8") as f:
            json.dump(tokenizer_json(model, rules), f, ensure_ascii=False)
    pad = "<pad>" if rules["id_offset"] == "fairseq" else rules["pad_token"]
    config = {"pad_token": pad, "model_max_length": rules["context_length"],
              "add_bos_token": rules["add_bos"], "add_eos_token": rules["add_eos"]}
    if rules.get("languages"):
        config["src_lang"] = rules["language"]
        config["additional_special_tokens"] = rules["languages"]
    with open(os.path.join(textual, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(test_dir, name + "-vectors.json"), "w", encoding="utf-8") as f:
        json.dump({"rules": rules, "pad_id": ref.pad, "vectors": vectors(model, rules)}, f, ensure_ascii=True, indent=0)
    return ref


if __name__ == "__main__":
    import tempfile
    root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/spm-families"
    with tempfile.TemporaryDirectory() as work:
        for name, (_, rules) in FAMILIES.items():
            path = train(name, os.path.join(root, name), work)
            v = vectors(path, rules)
            print(name, os.path.getsize(path), v[0]["ids"][:12], v[4]["pieces"][:8])
