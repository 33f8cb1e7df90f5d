using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// SigLIP, SigLIP 2, XLM-RoBERTa and NLLB text: SentencePiece (unigram or BPE) from Microsoft.ML.Tokenizers, from a
/// <c>.model</c> file or a Hugging Face <c>tokenizer.json</c>, with the family's rules around it. Thread-safe.
/// </summary>
public sealed class SentencePieceTextTokenizer : ITextTokenizer
{
    private const int FairseqBos = 0;
    private const int FairseqEos = 2;
    private const int FairseqUnk = 3;

    private readonly SentencePieceTokenizer _model;
    private readonly SentencePieceRules _rules;
    private readonly bool _fairseq;
    private readonly Dictionary<string, int> _languageIds;
    private readonly Dictionary<string, int> _controls;

    private SentencePieceTextTokenizer(
        SentencePieceTokenizer model, SentencePieceRules rules, bool fromJson, bool bpe = false,
        Dictionary<string, int>? controls = null, int? bosId = null, int? eosId = null)
    {
        IsBpe = bpe;
        _controls = controls ?? [];
        _model = model;
        _rules = rules;
        _fairseq = !fromJson && rules.IdOffset == "fairseq";
        _languageIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var pieces = model.Vocabulary.Count;
        for (var i = 0; i < rules.Languages.Count; i++)
        {
            var code = rules.Languages[i];
            _languageIds[code] = fromJson
                ? model.Vocabulary.TryGetValue(code, out var id) ? id : throw new InvalidDataException($"tokenizer.json has no language code '{code}'")
                : pieces + 1 + i;
        }

        BosId = _fairseq ? FairseqBos : bosId ?? model.BeginningOfSentenceId;
        EosId = _fairseq ? FairseqEos : eosId ?? model.EndOfSentenceId;
    }

    public int BosId { get; }

    /// <summary>The language codes the tokenizer can put before the text (NLLB); empty for other families.</summary>
    public IReadOnlyList<string> Languages => _rules.Languages;

    /// <summary>A SentencePiece BPE model (Gemma, SigLIP 2) rather than unigram.</summary>
    public bool IsBpe { get; }

    public int EosId { get; }

    /// <summary>A SentencePiece model file (<c>spiece.model</c>, <c>tokenizer.model</c>, <c>sentencepiece.bpe.model</c>).</summary>
    public static SentencePieceTextTokenizer FromModel(Stream model, SentencePieceRules rules)
    {
        using var buffer = new MemoryStream();
        model.CopyTo(buffer);
        var file = SentencePieceModelFile.Parse(buffer.ToArray());
        if (file.ModelType != SentencePieceModelFile.Unigram)
        {
            buffer.Position = 0;
            return new(SentencePieceTokenizer.Create(buffer, addBeginningOfSentence: false, addEndOfSentence: false), rules, fromJson: false, bpe: true);
        }

        // Built from the pieces: the library's .model loader needs a BOS piece, which T5-style models lack. Control
        // pieces get names no text can hold, as SentencePiece never matches them (a typed "</s>" is just characters).
        var pieces = file.Pieces.Select((p, i) => file.ControlPieces.ContainsKey(p.Piece) ? ("\uFFFF" + p.Piece, p.Score) : p).ToList();
        var tokenizer = SentencePieceTokenizer.Create(
            pieces, file.UnknownId, addBeginningOfSentence: false, addEndOfSentence: false, file.PrecompiledCharsMap,
            file.AddDummyPrefix, file.EscapeWhiteSpaces, file.TreatWhitespaceAsSuffix, file.ByteFallback);
        return new(tokenizer, rules, fromJson: false, controls: file.ControlPieces, bosId: file.BosId, eosId: file.EosId);
    }

    /// <summary>
    /// A Hugging Face <c>tokenizer.json</c> holding a Unigram model (its ids already include any fairseq shift) or a
    /// SentencePiece BPE model with byte fallback (Gemma's, SigLIP 2).
    /// </summary>
    public static SentencePieceTextTokenizer FromTokenizerJson(Stream json, SentencePieceRules rules)
    {
        using var buffer = new MemoryStream();
        json.CopyTo(buffer);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        if (BpeTokenizerJson.IsBpe(doc.RootElement))
        {
            var (model, controls) = BpeTokenizerJson.ToModelProto(doc.RootElement);
            using var proto = new MemoryStream(model);
            var tokenizer = SentencePieceTokenizer.Create(proto, addBeginningOfSentence: false, addEndOfSentence: false);
            return new(tokenizer, rules, fromJson: true, bpe: true, controls: controls);
        }

        buffer.Position = 0;
        return new(SentencePieceTokenizer.CreateFromTokenizerJson(buffer, addBeginningOfSentence: false, addEndOfSentence: false), rules, fromJson: true);
    }

    /// <summary>The id of a token string in the pack's id space (for the pad token a config names).</summary>
    public int IdOf(string token)
    {
        if (_fairseq)
        {
            switch (token)
            {
                case "<s>": return FairseqBos;
                case "<pad>": return 1;
                case "</s>": return FairseqEos;
                case "<unk>": return FairseqUnk;
            }
        }

        if (_languageIds.TryGetValue(token, out var language))
        {
            return language;
        }

        if (_controls.TryGetValue(token, out var control))
        {
            return Shift(control);
        }

        return _model.Vocabulary.TryGetValue(token, out var id) ? Shift(id) : throw new KeyNotFoundException($"the tokenizer has no token '{token}'");
    }

    public string Clean(string text) => _rules.Clean == "canonicalize" ? Canonicalize(text) : text;

    /// <summary>The content ids, without BOS, language code or EOS, untruncated.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        var ids = new List<int>();
        foreach (var id in _model.EncodeToIds(Clean(text), addBeginningOfSentence: false, addEndOfSentence: false))
        {
            // SentencePiece merges each run of unknown pieces into one (sentencepiece_processor.cc).
            if (id == _model.UnknownId && ids.Count > 0 && ids[^1] == Shift(id))
            {
                continue;
            }

            ids.Add(Shift(id));
        }

        return ids;
    }

    public TokenizedText Tokenize(string text, int contextLength, int padId) => Tokenize(text, contextLength, padId, language: null);

    /// <summary>BOS?, language code?, content cut to fit, EOS?, then padding: Hugging Face's truncation and max-length padding.</summary>
    public TokenizedText Tokenize(string text, int contextLength, int padId, string? language)
    {
        var prefix = new List<int>(2);
        if (_rules.AddBos)
        {
            prefix.Add(BosId);
        }

        if (_rules.Languages.Count > 0)
        {
            var code = language ?? _rules.Language ?? _rules.Languages[0];
            prefix.Add(_languageIds.TryGetValue(code, out var id) ? id : throw new ArgumentException($"unknown language code '{code}' (known: {string.Join(", ", _rules.Languages)})", nameof(language)));
        }

        var room = contextLength - prefix.Count - (_rules.AddEos ? 1 : 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(room, 1, nameof(contextLength));
        var content = Encode(text);
        var ids = new int[contextLength];
        Array.Fill(ids, padId);
        prefix.CopyTo(ids);
        var kept = Math.Min(content.Count, room);
        for (var i = 0; i < kept; i++)
        {
            ids[prefix.Count + i] = content[i];
        }

        var length = prefix.Count + kept;
        if (_rules.AddEos)
        {
            ids[length++] = EosId;
        }

        return new TokenizedText(ids, length, content.Count > room);
    }

    private int Shift(int id) => !_fairseq ? id : id == _model.UnknownId ? FairseqUnk : id + 1;

    /// <summary>open_clip's <c>canonicalize_text</c>: '_' to space, ASCII punctuation dropped, Python lower-casing, whitespace collapsed.</summary>
    private static string Canonicalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '_')
            {
                sb.Append(' ');
            }
            else if (!(char.IsAscii(c) && (char.IsPunctuation(c) || char.IsSymbol(c))))
            {
                sb.Append(c);
            }
        }

        var lower = TextCleaner.PythonLower(sb.ToString());
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var space = i == lower.Length || TextCleaner.IsPythonSpace(lower[i]);
            if (space && start >= 0)
            {
                words.Add(lower[start..i]);
                start = -1;
            }
            else if (!space && start < 0)
            {
                start = i;
            }
        }

        return string.Join(' ', words);
    }
}
