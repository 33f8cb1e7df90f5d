using System.Text.Json;
using DrawingFromDiffusion.Core.Text;

namespace DrawingFromDiffusion.Core.Tests.Text;

public sealed class ClipTokenizerTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Tokenize_ReferenceVector_EqualsOpenAiIds(string name)
    {
        var c = Cases().Single(x => x.GetProperty("name").GetString() == name);
        var text = c.GetProperty("text").GetString()!;
        var expected = c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        var actual = ClipTokenizer.Standard.Tokenize(text);

        Assert.Equal(c.GetProperty("cleaned_text").GetString(), ClipTokenizer.Standard.Clean(text));
        Assert.Equal(expected, actual.Ids);
        Assert.Equal(c.GetProperty("truncated").GetBoolean(), actual.Truncated);
    }

    [Fact]
    public void Standard_Vocabulary_Has49408Ids()
    {
        Assert.Equal(49408, ClipTokenizer.Standard.VocabularySize);
    }

    [Theory]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("ΣΟΦΟΣ ΟΔΟΣ.", "\u03c3\u03bf\u03c6\u03bf\u03c2 \u03bf\u03b4\u03bf\u03c2.")]
    [InlineData("ﬁne ＣＬＩＰ！", "fine clip!")]
    [InlineData("cafÃ©  AT&amp;amp;T", "café at&t")]
    [InlineData("a\u001b[31mred\u001b[0m\u200b", "ared\u200b")]
    [InlineData("&EACUTE;t&rsquo;s", "ét's")]
    [InlineData("<b>&rsquo;</b> &EACUTE;", "<b>\u2019</b> &eacute;")]
    public void Clean_PythonRules_MatchReference(string text, string expected)
    {
        Assert.Equal(expected, ClipTokenizer.Standard.Clean(text));
    }

    [Fact]
    public void Tokenize_UserTypedEndOfText_LengthStopsAtFirstEot()
    {
        var tokens = ClipTokenizer.Standard.Tokenize("a<|endoftext|> cat", padId: 49407);

        Assert.Equal(3, tokens.Length);
        Assert.Equal(ClipTokenizer.EndOfTextId, tokens.Ids[2]);
        Assert.Equal(ClipTokenizer.EndOfTextId, tokens.Ids[^1]);
    }

    private static List<JsonElement> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Clip", "tokenizer-vectors.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
