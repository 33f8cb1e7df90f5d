using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Core.Tests.Search;

public sealed class QueryExpressionTests
{
    [Fact]
    public void Parse_PlusAndMinus_SplitsWeightedTerms()
    {
        var terms = QueryExpression.Parse("watercolor fox + night - people");

        Assert.Equal([new QueryTerm(1, "watercolor fox"), new QueryTerm(1, "night"), new QueryTerm(-1, "people")], terms);
    }

    [Fact]
    public void Parse_WeightPrefix_SetsWeight()
    {
        var terms = QueryExpression.Parse("2:fox + 0.5:night - 3:people");

        Assert.Equal([new QueryTerm(2, "fox"), new QueryTerm(0.5f, "night"), new QueryTerm(-3, "people")], terms);
    }

    [Fact]
    public void Parse_HyphenInsideWord_StaysOneTerm()
    {
        var terms = QueryExpression.Parse("sci-fi city at 16:9");

        Assert.Equal([new QueryTerm(1, "sci-fi city at 16:9")], terms);
    }

    [Fact]
    public void Parse_Empty_NoTerms() => Assert.Empty(QueryExpression.Parse("  + - "));
}
