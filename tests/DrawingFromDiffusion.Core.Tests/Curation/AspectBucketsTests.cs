using DrawingFromDiffusion.Core.Curation;

namespace DrawingFromDiffusion.Core.Tests.Curation;

public sealed class AspectBucketsTests
{
    private static readonly int[] _sides = [512, 768, 1024];

    [Theory]
    [InlineData(1024, 1024, 1024, 1024)]
    [InlineData(600, 600, 512, 512)]
    [InlineData(300, 300, 512, 512)]
    [InlineData(1536, 1024, 768, 512)]
    [InlineData(1000, 1500, 512, 768)]
    [InlineData(4000, 1000, 1024, 512)]
    [InlineData(800, 1000, 768, 1024)]
    public void Choose_NearestAspectLargestWithoutUpscale(int width, int height, int bucketWidth, int bucketHeight) =>
        Assert.Equal((bucketWidth, bucketHeight), AspectBuckets.Choose(width, height, _sides));

    [Theory]
    [InlineData("512,768,1024", new[] { 512, 768, 1024 })]
    [InlineData("1024, 512,512", new[] { 512, 1024 })]
    public void ParseSides_Valid_SortedDistinct(string text, int[] expected) => Assert.Equal(expected, AspectBuckets.ParseSides(text));

    [Theory]
    [InlineData("")]
    [InlineData("512,x")]
    [InlineData("32")]
    [InlineData("512,,768")]
    [InlineData("-512")]
    public void ParseSides_Invalid_Null(string text) => Assert.Null(AspectBuckets.ParseSides(text));
}
