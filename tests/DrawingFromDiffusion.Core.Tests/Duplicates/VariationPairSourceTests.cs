using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public class VariationPairSourceTests
{
    private static GenerationLineage Gen(long id, string prompt, long? seed, int steps = 20, double cfg = 7, string sampler = "Euler a", string model = "sdxl", int size = 1024, string? loras = null) =>
        new(id, prompt, seed, steps, cfg, sampler, model, size, size, loras);

    private static List<DuplicateLink> Find(params GenerationLineage[] gens)
    {
        var candidates = gens.Select(g => Candidates.File(g.ImageId, $"/{g.ImageId}.png", generation: true)).ToList();
        return [.. new VariationPairSource(gens.ToDictionary(g => g.ImageId)).FindPairs(candidates, CancellationToken.None)];
    }

    [Theory]
    [InlineData("(Masterpiece:1.2), a  [cat] on a {sofa}", "masterpiece, a cat on a sofa")]
    [InlineData("A cat <lora:detail:0.8>  ON a sofa", "a cat on a sofa")]
    [InlineData("((a cat)), sofa", "a cat, sofa")]
    public void Normalize_WeightsBracketsAndCase_Stripped(string prompt, string expected) =>
        Assert.Equal(expected, PromptNormalizer.Normalize(prompt));

    [Fact]
    public void FindPairs_SameSeedOtherSteps_LinkedWithChange()
    {
        var link = Assert.Single(Find(Gen(1, "a red fox", 42, steps: 20), Gen(2, "(a red fox:1.1)", 42, steps: 30)));

        Assert.Equal(DuplicateTier.Variation, link.Tier);
        Assert.Equal(1, link.Distance);
        Assert.Equal("steps 20→30", link.Detail);
    }

    [Fact]
    public void FindPairs_BatchSiblingsOnlySeedStepped_NotLinked() =>
        Assert.Empty(Find(Gen(1, "a red fox", 100), Gen(2, "a red fox", 101), Gen(3, "a red fox", 102)));

    [Fact]
    public void FindPairs_NearbySeedAndOtherSettings_Linked()
    {
        var links = Find(Gen(1, "a red fox", 100), Gen(2, "a red fox", 102, cfg: 5));

        var link = Assert.Single(links);
        Assert.Equal("seed +2, cfg 7→5", link.Detail);
        Assert.Equal(2, link.Distance);
    }

    [Fact]
    public void FindPairs_SeedBeyondWindow_NotLinked() =>
        Assert.Empty(Find(Gen(1, "a red fox", 100), Gen(2, "a red fox", 100 + VariationPairSource.DefaultSeedWindow + 1, cfg: 5)));

    [Fact]
    public void FindPairs_OtherPrompt_NotLinked() =>
        Assert.Empty(Find(Gen(1, "a red fox", 7), Gen(2, "a blue fox", 7, steps: 30)));

    [Fact]
    public void FindPairs_EveryParameterEqual_NotAVariation() =>
        Assert.Empty(Find(Gen(1, "a red fox", 7), Gen(2, "a red fox", 7)));

    [Fact]
    public void FindPairs_NoSeed_Ignored() =>
        Assert.Empty(Find(Gen(1, "a red fox", null), Gen(2, "a red fox", null, steps: 40)));

    [Fact]
    public void FindPairs_LoraAndCheckpointChanged_DistanceCountsBoth()
    {
        var link = Assert.Single(Find(Gen(1, "a red fox <lora:ink:1>", 9, loras: "ink:1"), Gen(2, "a red fox", 9, model: "sd15", loras: null)));

        Assert.Equal(2, link.Distance);
        Assert.Contains("model sdxl→sd15", link.Detail, StringComparison.Ordinal);
    }
}
