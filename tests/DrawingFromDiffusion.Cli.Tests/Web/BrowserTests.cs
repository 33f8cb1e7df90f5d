using Microsoft.Playwright;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>
/// The page in Debian's chromium (installed by scripts/install-test-deps; Playwright never downloads a browser).
/// Screenshots go to artifacts/screenshots/ for people to look at.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebFixture fixture) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-test-deps (it installs Debian's chromium)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Timeout = 0,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 860 } });
        // No clocks: every wait ends on its event (a hang is stopped by the runner's hang timeout). A 10 s limit failed
        // on a loaded machine.
        _page.SetDefaultTimeout(0);
        Assertions.SetDefaultExpectTimeout(0);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Page_SearchOpenAndMoreLikeThis_ShowsPromptAndSimilarImages()
    {
        await OpenAsync("");
        await Assertions.Expect(_page.Locator("#grid .tile")).ToHaveCountAsync(WebFixture.ImageCount + 1);
        await WaitForThumbnailsAsync();
        await ShotAsync("01-home");

        await _page.FillAsync("#q", "lighthouse");
        await _page.PressAsync("#q", "Enter");
        await Assertions.Expect(_page.Locator("#status")).ToContainTextAsync("for “lighthouse”");
        var tiles = _page.Locator("#grid .tile");
        await Assertions.Expect(tiles).ToHaveCountAsync(2);
        await ShotAsync("02-search");

        await tiles.First.ClickAsync();
        await Assertions.Expect(_page.Locator("#detail-prompt")).ToContainTextAsync("a painting of a lighthouse");
        await Assertions.Expect(_page.Locator("#detail-body")).ToContainTextAsync("DPM++ 2M Karras");
        await Assertions.Expect(_page.Locator("#detail-body code").First).ToContainTextAsync(fixture.Catalog.ImagesFolder);
        await ShotAsync("03-detail");

        await _page.ClickAsync("#more-like-this");
        await Assertions.Expect(_page.Locator("#detail")).ToBeHiddenAsync();
        await Assertions.Expect(_page.Locator("#status")).ToContainTextAsync("like image");
        await Assertions.Expect(tiles).ToHaveCountAsync(WebFixture.ImageCount);
        await WaitForThumbnailsAsync();
        await ShotAsync("04-more-like-this");
    }

    [Fact]
    public async Task Page_UploadAnImage_FindsItFirst()
    {
        await OpenAsync("");
        await Assertions.Expect(_page.Locator("#grid .tile")).ToHaveCountAsync(WebFixture.ImageCount + 1);

        await _page.SetInputFilesAsync("#upload", Path.Combine(fixture.Catalog.ImagesFolder, "img05.png"));

        await Assertions.Expect(_page.Locator("#status")).ToContainTextAsync("like img05.png");
        await Assertions.Expect(_page.Locator("#query-image")).ToBeVisibleAsync();
        var first = await _page.Locator("#grid .tile").First.GetAttributeAsync("data-id");
        Assert.Equal(fixture.Catalog.IdOf("img05.png").ToString(System.Globalization.CultureInfo.InvariantCulture), first);
        await WaitForThumbnailsAsync();
        await ShotAsync("05-search-by-image");
    }

    [Fact]
    public async Task Page_Keyboard_ArrowsMoveEnterOpensEscapeCloses()
    {
        await OpenAsync("");
        await Assertions.Expect(_page.Locator("#grid .tile")).ToHaveCountAsync(WebFixture.ImageCount + 1);
        await _page.Locator("#grid .tile").First.FocusAsync();

        await _page.Keyboard.PressAsync("ArrowRight");
        var focused = await _page.EvaluateAsync<string>("document.activeElement.dataset.id");
        var second = await _page.Locator("#grid .tile").Nth(1).GetAttributeAsync("data-id");
        Assert.Equal(second, focused);

        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(_page.Locator("#detail")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#detail-title")).ToHaveTextAsync($"Image {second}");
        await _page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(_page.Locator("#detail")).ToBeHiddenAsync();
        Assert.Equal(second, await _page.EvaluateAsync<string>("document.activeElement.dataset.id"));
    }

    [Fact]
    public async Task Page_Duplicates_ShowsGroupsSideBySideWithTheKeeperMarked()
    {
        await OpenAsync("#/dupes");

        var groups = _page.Locator("#dupes .group");
        await Assertions.Expect(groups).ToHaveCountAsync(2);
        await Assertions.Expect(_page.Locator("#dupes .member.keeper")).ToHaveCountAsync(2);
        await Assertions.Expect(_page.Locator("#dupes .badge").First).ToHaveTextAsync("Keep");
        await WaitForThumbnailsAsync();
        await ShotAsync("06-duplicates");

        await OpenAsync("#/clusters");
        await Assertions.Expect(_page.Locator("#clusters-status")).ToContainTextAsync("No style clusters yet");
        await ShotAsync("07-clusters");
    }

    private async Task OpenAsync(string hash)
    {
        await _page.GotoAsync(new Uri(fixture.Server.Address, "/" + hash).ToString());
        await Assertions.Expect(_page.Locator("body[data-ready='true']")).ToHaveCountAsync(1);
    }

    private Task WaitForThumbnailsAsync() =>
        _page.WaitForFunctionAsync("[...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete)");

    private async Task ShotAsync(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DrawingFromDiffusion.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
