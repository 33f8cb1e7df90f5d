using DrawingFromDiffusion.Core.Video;

namespace DrawingFromDiffusion.Core.Tests.Video;

public sealed class VideoMetadataTextsTests
{
    private const string Graph = """{"3": {"class_type": "KSampler", "inputs": {"seed": 7}}}""";

    [Fact]
    public void FromTags_VhsComment_PromptStringUnwrappedAndWorkflowKept()
    {
        var comment = "{\"prompt\": " + System.Text.Json.JsonSerializer.Serialize(Graph) + """, "workflow": {"nodes": [1]}}""";

        var texts = VideoMetadataTexts.FromTags([new("comment", comment), new("encoder", "Lavf60")]);

        Assert.Equal(Graph, texts["prompt"]);
        Assert.Equal("""{"nodes": [1]}""", texts["workflow"]);
        Assert.False(texts.ContainsKey("encoder"));
    }

    [Fact]
    public void FromTags_SeparateDoubleEncodedPrompt_Unwrapped()
    {
        var doubled = System.Text.Json.JsonSerializer.Serialize(Graph);

        var texts = VideoMetadataTexts.FromTags([new("prompt", doubled)]);

        Assert.Equal(Graph, texts["prompt"]);
    }

    [Fact]
    public void FromTags_UpperCaseWebMKeys_LowerCased()
    {
        var texts = VideoMetadataTexts.FromTags([new("PROMPT", Graph), new("WORKFLOW", "{}")]);

        Assert.Equal(Graph, texts["prompt"]);
        Assert.Equal("{}", texts["workflow"]);
    }

    [Fact]
    public void FromTags_SeparatePromptKey_WinsOverComment()
    {
        var texts = VideoMetadataTexts.FromTags([new("prompt", Graph), new("comment", """{"prompt": "{}"}""")]);

        Assert.Equal(Graph, texts["prompt"]);
    }

    [Fact]
    public void FromTags_PlainTextComment_KeptAsComment()
    {
        var texts = VideoMetadataTexts.FromTags([new("comment", "made with love")]);

        Assert.Equal("made with love", texts["comment"]);
        Assert.False(texts.ContainsKey("prompt"));
    }
}
