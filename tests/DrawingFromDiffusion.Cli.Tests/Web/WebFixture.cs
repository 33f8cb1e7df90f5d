namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>One catalog and one running server shared by the API and browser tests (building them is the slow part).</summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const int ImageCount = 16;

    public TestCatalog Catalog { get; private set; } = null!;

    public TestServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    public async Task InitializeAsync()
    {
        Catalog = await TestCatalog.CreateAsync(ImageCount, CancellationToken.None);
        Server = await TestServer.StartAsync(Catalog.Database, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Catalog.Dispose();
    }
}
