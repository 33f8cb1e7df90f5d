using System.Text.Json;
using DrawingFromDiffusion.Core.Text;

namespace DrawingFromDiffusion.Core.Tests.Text;

/// <summary>
/// NFC as the reference tokenizers apply it (CPython unicodedata 14.0); expected values computed with Python's
/// unicodedata.normalize (models/tools/make_unicode_tokenizer_vectors.py for the id vectors).
/// </summary>
public sealed class UnicodeNfcTests
{
    [Theory]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("\u212B\u212A\u2126", "\u00C5K\u03A9")]
    [InlineData("q\u0303\u0323", "q\u0323\u0303")]
    [InlineData("d\u0307\u0323", "\u1E0D\u0307")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("\uAC00\u11A8", "\uAC01")]
    [InlineData("\u1100\u1161\u11A7", "\uAC00\u11A7")]
    [InlineData("\u0958", "\u0915\u093C")]
    [InlineData("\uF900", "\u8C48")]
    [InlineData("\u0301e", "\u0301e")]
    [InlineData("\uFB01\u2460\u00B2", "\uFB01\u2460\u00B2")]
    [InlineData("\U0001D15E", "\U0001D157\U0001D165")]
    [InlineData("\u0B47\u0B3E", "\u0B4B")]
    public void Normalize_ReferenceCases_MatchPythonNfc(string text, string expected)
    {
        Assert.Equal(expected, UnicodeNfc.Normalize(text));
    }

    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vectors())
        {
            data.Add(v.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Tokenize_CombiningAndCompatibilityVector_EqualsReferenceIds(string name)
    {
        var v = Vectors().Single(x => x.GetProperty("name").GetString() == name);
        var text = v.GetProperty("text").GetString()!;
        var expected = v.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        Assert.Equal(v.GetProperty("cleaned_text").GetString(), ClipTokenizer.Standard.Clean(text));
        Assert.Equal(expected, ClipTokenizer.Standard.Tokenize(text).Ids);
    }

    [Theory]
    [InlineData("Cafe\u0301", "Caf\u00E9")]
    [InlineData("\u1112\u1161\u11AB\u1100\u1173\u11AF", "\uD55C\uAE00")]
    [InlineData("A\u030Angstro\u0308m", "\u00C5ngstr\u00F6m")]
    public void Tokenize_HuggingFaceCleaning_DecomposedEqualsPrecomposed(string decomposed, string precomposed)
    {
        var tokenizer = ClipTokenizer.Standard.WithCleaning(ClipTextCleaning.HuggingFace);

        Assert.Equal(tokenizer.Tokenize(precomposed).Ids, tokenizer.Tokenize(decomposed).Ids);
    }

    private static List<JsonElement> Vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Clip", "unicode-vectors.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
