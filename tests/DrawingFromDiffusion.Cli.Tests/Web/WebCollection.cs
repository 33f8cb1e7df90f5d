namespace DrawingFromDiffusion.Cli.Tests.Web;

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
