using System.Text.Json;
using DrawingFromDiffusion.Core.Text;

namespace DrawingFromDiffusion.Core.Tests.Text;

/// <summary>
/// Each SentencePiece family against Debian's python3-sentencepiece with the family's rules
/// (models/tools/sentencepiece_families.py trains the models and writes the vectors).
/// </summary>
public sealed class SentencePieceTextTokenizerTests
{
    private static readonly string _data = Path.Combine(AppContext.BaseDirectory, "TestData", "SentencePiece");

    private static readonly Dictionary<string, string> _packs = new()
    {
        ["siglip"] = "tiny-siglip",
        ["siglip2"] = "tiny-siglip2",
        ["nllb"] = "tiny-nllb-siglip",
        ["xlm-roberta"] = "tiny-xlmr-clip",
    };

    private static readonly string[] _specials = ["<s>", "</s>", "<unk>", "<pad>", "<mask>"];

    [Fact]
    public void Tokenize_TokenizerJsonTypedSpecialToken_MatchedAsHuggingFaceDoes()
    {
        var (rules, padId, _) = Load("xlm-roberta");
        using var json = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "Packs", "tiny-xlmr-clip", "textual", "tokenizer.json"));
        var tokenizer = SentencePieceTextTokenizer.FromTokenizerJson(json, rules);

        var ids = tokenizer.Tokenize("a</s>b", 77, padId).Ids;

        Assert.Contains(tokenizer.EosId, ids[1..4]);
    }

    public static TheoryData<string> Families() => ["siglip", "siglip2", "xlm-roberta", "nllb"];

    public static TheoryData<string> JsonFamilies() => ["siglip", "siglip2", "xlm-roberta", "nllb"];

    private static string GemmaJson => Path.Combine(AppContext.BaseDirectory, "TestData", "Packs", "tiny-siglip2", "textual", "tokenizer.json");

    [Theory]
    [MemberData(nameof(Families))]
    public void Tokenize_ModelFile_EqualsSentencePieceReference(string family)
    {
        var (rules, padId, vectors) = Load(family);
        using var model = File.OpenRead(Path.Combine(_data, family + ".model"));
        var tokenizer = SentencePieceTextTokenizer.FromModel(model, rules);

        AssertVectors(tokenizer, padId, vectors);
    }

    [Theory]
    [MemberData(nameof(JsonFamilies))]
    public void Tokenize_TokenizerJson_EqualsSentencePieceReference(string family)
    {
        var (rules, padId, vectors) = Load(family);
        using var json = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "Packs", _packs[family], "textual", "tokenizer.json"));
        var tokenizer = SentencePieceTextTokenizer.FromTokenizerJson(json, rules);

        Assert.Equal(padId, tokenizer.IdOf(family == "siglip" ? "</s>" : "<pad>"));
        // Hugging Face's tokenizers (Immich's runtime) match special tokens typed in the text; SentencePiece does not.
        AssertVectors(tokenizer, padId, vectors.Where(v => !_specials.Any(v.GetProperty("text").GetString()!.Contains)).ToList());
    }

    [Fact]
    public void Tokenize_GemmaTokenizerJson_EqualsSentencePieceReferenceOnEveryString()
    {
        var (rules, padId, vectors) = Load("siglip2");
        var tokenizer = SentencePieceTextTokenizer.FromTokenizerJson(new MemoryStream(File.ReadAllBytes(GemmaJson)), rules);

        Assert.True(tokenizer.IsBpe);
        Assert.Equal((0, 1), (tokenizer.IdOf("<pad>"), tokenizer.EosId));
        Assert.Equal(220, vectors.Count);
        AssertVectors(tokenizer, padId, vectors);
    }

    [Fact]
    public void Tokenize_GemmaTokenizerJsonWithLegacyMergeStrings_SameIds()
    {
        var (rules, padId, vectors) = Load("siglip2");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(GemmaJson))!;
        var merges = root["model"]!["merges"]!.AsArray();
        var legacy = new System.Text.Json.Nodes.JsonArray(merges.Select(m => (System.Text.Json.Nodes.JsonNode)$"{m![0]} {m[1]}").ToArray());
        root["model"]!["merges"] = legacy;
        var tokenizer = SentencePieceTextTokenizer.FromTokenizerJson(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString())), rules);

        AssertVectors(tokenizer, padId, vectors);
    }

    [Fact]
    public void FromTokenizerJson_BpeWithAnUnknownNormalizer_SaysWhichStep()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(GemmaJson))!;
        root["normalizer"] = System.Text.Json.Nodes.JsonNode.Parse("{\"type\":\"NFKC\"}");

        var error = Assert.Throws<InvalidDataException>(() => SentencePieceTextTokenizer.FromTokenizerJson(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString())), new SentencePieceRules()));

        Assert.Contains("NFKC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_Nllb_PutsTheAskedLanguageCodeFirst()
    {
        var (rules, padId, _) = Load("nllb");
        using var model = File.OpenRead(Path.Combine(_data, "nllb.model"));
        var tokenizer = SentencePieceTextTokenizer.FromModel(model, rules);

        var russian = tokenizer.Tokenize("лиса", 64, padId, "rus_Cyrl");
        var english = tokenizer.Tokenize("лиса", 64, padId, null);

        Assert.Equal(tokenizer.IdOf("rus_Cyrl"), russian.Ids[0]);
        Assert.Equal(tokenizer.IdOf("eng_Latn"), english.Ids[0]);
        Assert.Equal(russian.Ids[1..], english.Ids[1..]);
        Assert.Throws<ArgumentException>(() => tokenizer.Tokenize("x", 64, padId, "xxx_Xxxx"));
    }

    [Theory]
    [InlineData("Hello, World! under_score", "hello world under score")]
    [InlineData("  ПРИВЕТ   Мир?!  ", "привет мир")]
    [InlineData("İstanbul «quotes» ½", "i\u0307stanbul «quotes» ½")]
    public void Clean_Canonicalize_MatchesOpenClip(string text, string expected)
    {
        var (rules, _, _) = Load("siglip");
        using var model = File.OpenRead(Path.Combine(_data, "siglip.model"));

        Assert.Equal(expected, SentencePieceTextTokenizer.FromModel(model, rules).Clean(text));
    }

    private static void AssertVectors(SentencePieceTextTokenizer tokenizer, int padId, List<JsonElement> vectors)
    {
        foreach (var v in vectors)
        {
            var text = v.GetProperty("text").GetString()!;
            var language = v.TryGetProperty("language", out var l) ? l.GetString() : null;
            var expected = v.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var ones = v.GetProperty("attention_mask").EnumerateArray().Count(e => e.GetInt32() == 1);

            var actual = tokenizer.Tokenize(text, expected.Length, padId, language);

            Assert.True(expected.SequenceEqual(actual.Ids), $"'{text}' ({language}): expected [{string.Join(',', expected)}], got [{string.Join(',', actual.Ids)}]");
            Assert.Equal(ones, actual.Length);
        }
    }

    private static (SentencePieceRules Rules, int PadId, List<JsonElement> Vectors) Load(string family)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_data, family + "-vectors.json")));
        var r = doc.RootElement.GetProperty("rules");
        var rules = new SentencePieceRules
        {
            Clean = r.GetProperty("clean").GetString()!,
            AddBos = r.GetProperty("add_bos").GetBoolean(),
            AddEos = r.GetProperty("add_eos").GetBoolean(),
            IdOffset = r.GetProperty("id_offset").GetString()!,
            Languages = r.TryGetProperty("languages", out var langs) ? langs.EnumerateArray().Select(x => x.GetString()!).ToList() : [],
            Language = r.TryGetProperty("language", out var lang) ? lang.GetString() : null,
        };
        return (rules, doc.RootElement.GetProperty("pad_id").GetInt32(), doc.RootElement.GetProperty("vectors").EnumerateArray().Select(e => e.Clone()).ToList());
    }
}
