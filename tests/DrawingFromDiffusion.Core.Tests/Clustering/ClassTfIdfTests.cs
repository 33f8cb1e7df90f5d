using DrawingFromDiffusion.Core.Clustering;

namespace DrawingFromDiffusion.Core.Tests.Clustering;

public class ClassTfIdfTests
{
    [Fact]
    public void Label_HandBuiltPrompts_OwnWordsRankAboveSharedOnes()
    {
        (int, string?)[] prompts =
        [
            (0, "masterpiece, portrait of a woman, watercolor, soft light"),
            (0, "portrait of an old man, watercolor"),
            (0, "(watercolor:1.3) portrait, soft light"),
            (1, "masterpiece, cyberpunk city at night, neon, soft light"),
            (1, "neon street, cyberpunk, rain"),
            (1, "cyberpunk samurai, neon"),
        ];

        var labels = ClassTfIdf.Label(prompts, 2, top: 3);

        Assert.Equal(["portrait", "watercolor"], labels[0].Take(2).Select(w => w.Word).Order());
        Assert.Equal(["cyberpunk", "neon"], labels[1].Take(2).Select(w => w.Word).Order());
        Assert.DoesNotContain(labels[0], w => w.Word == "masterpiece");
    }

    [Fact]
    public void Label_WordInEveryCluster_ScoresBelowOwnWord()
    {
        (int, string?)[] prompts = [(0, "cat sky"), (0, "cat"), (1, "dog sky"), (1, "dog")];

        var labels = ClassTfIdf.Label(prompts, 2);

        Assert.Equal("cat", labels[0][0].Word);
        Assert.True(labels[0].Single(w => w.Word == "sky").Score < labels[0][0].Score);
    }

    [Fact]
    public void Label_ClusterWithoutPrompts_IsEmpty()
    {
        var labels = ClassTfIdf.Label([(0, "cat"), (1, null)], 2);

        Assert.Empty(labels[1]);
    }
}
