using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Core.Tests.Search;

public sealed class SearchServiceTests
{
    [Fact]
    public void Search_UnnormalisedQuery_RanksAsNormalised()
    {
        using var index = Index();
        var service = new SearchService(index);

        var hits = service.Search([10f, 0f, 0f], 1);

        Assert.Equal(1L, hits[0].Key);
        Assert.Equal(0f, hits[0].Distance, 1e-6f);
    }

    [Fact]
    public void Search_ExcludeAndFilter_LeavesThemOutAndStillReturnsK()
    {
        using var index = Index();
        var service = new SearchService(index);

        var hits = service.Search([1f, 0f, 0f], 2, key => key != 2, new HashSet<long> { 1 });

        Assert.Equal([4L, 3L], hits.Select(hit => hit.Key));
    }

    [Fact]
    public void Combine_PlusAndMinusTerms_PointsAwayFromTheSubtracted()
    {
        float[] fox = [1f, 0f, 0f];
        float[] night = [0f, 1f, 0f];
        float[] people = [0f, 0f, 1f];

        var query = SearchService.Combine([(1f, fox), (1f, night), (-1f, people)]);

        Assert.Equal(1f / MathF.Sqrt(3), query[0], 1e-6f);
        Assert.Equal(-1f / MathF.Sqrt(3), query[2], 1e-6f);
    }

    [Fact]
    public void Combine_TermsCancel_Throws()
    {
        float[] fox = [1f, 0f, 0f];

        Assert.Throws<ArgumentException>(() => SearchService.Combine([(1f, fox), (-1f, fox)]));
    }

    [Fact]
    public void Search_WrongDimensionsOrK_Throws()
    {
        using var index = Index();
        var service = new SearchService(index);

        Assert.Throws<ArgumentException>(() => service.Search([1f, 0f], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.Search([1f, 0f, 0f], 0));
    }

    private static ExactIndex Index()
    {
        var index = new ExactIndex(3);
        index.Add(1, [1f, 0f, 0f]);
        index.Add(2, [0.9f, 0.43588989f, 0f]);
        index.Add(3, [0f, 1f, 0f]);
        index.Add(4, [0.6f, 0.8f, 0f]);
        return index;
    }
}
