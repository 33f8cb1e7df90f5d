using Microsoft.Playwright;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>The page in Debian's chromium on the shared web catalog. Screenshots go to artifacts/screenshots/ for people to look at.</summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebFixture fixture) : IAsyncLifetime
{
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Page_SearchOpenAndMoreLikeThis_ShowsPromptAndSimilarImages()
    {
        await OpenAsync("");
        await Assertions.Expect(Page.Locator("#grid .tile")).ToHaveCountAsync(WebFixture.ImageCount + 1);
        await WaitForThumbnailsAsync();
        await ShotAsync("01-home");

        await Page.FillAsync("#q", "lighthouse");
        await Page.PressAsync("#q", "Enter");
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("for “lighthouse”");
        var tiles = Page.Locator("#grid .tile");
        await Assertions.Expect(tiles).ToHaveCountAsync(2);
        await ShotAsync("02-search");

        await tiles.First.ClickAsync();
        await Assertions.Expect(Page.Locator("#detail-prompt")).ToContainTextAsync("a painting of a lighthouse");
        await Assertions.Expect(Page.Locator("#detail-body")).ToContainTextAsync("DPM++ 2M Karras");
        await Assertions.Expect(Page.Locator("#detail-body code").First).ToContainTextAsync(fixture.Catalog.ImagesFolder);
        await ShotAsync("03-detail");

        await Page.ClickAsync("#more-like-this");
        await Assertions.Expect(Page.Locator("#detail")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("like image");
        await Assertions.Expect(tiles).ToHaveCountAsync(WebFixture.ImageCount);
        await WaitForThumbnailsAsync();
        await ShotAsync("04-more-like-this");
    }

    [Fact]
    public async Task Page_UploadAnImage_FindsItFirst()
    {
        await OpenAsync("");
        await Assertions.Expect(Page.Locator("#grid .tile")).ToHaveCountAsync(WebFixture.ImageCount + 1);

        await Page.SetInputFilesAsync("#upload", Path.Combine(fixture.Catalog.ImagesFolder, "img05.png"));

        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("like img05.png");
        await Assertions.Expect(Page.Locator("#query-image")).ToBeVisibleAsync();
        var first = await Page.Locator("#grid .tile").First.GetAttributeAsync("data-id");
        Assert.Equal(fixture.Catalog.IdOf("img05.png").ToString(System.Globalization.CultureInfo.InvariantCulture), first);
        await WaitForThumbnailsAsync();
        await ShotAsync("05-search-by-image");
    }

    [Fact]
    public async Task Page_Keyboard_ArrowsMoveEnterOpensEscapeCloses()
    {
        await OpenAsync("");
        await Assertions.Expect(Page.Locator("#grid .tile")).ToHaveCountAsync(WebFixture.ImageCount + 1);
        await Page.Locator("#grid .tile").First.FocusAsync();

        await Page.Keyboard.PressAsync("ArrowRight");
        var focused = await Page.EvaluateAsync<string>("document.activeElement.dataset.id");
        var second = await Page.Locator("#grid .tile").Nth(1).GetAttributeAsync("data-id");
        Assert.Equal(second, focused);

        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("#detail")).ToBeVisibleAsync();
        // The panel is titled with the picture's file name.
        var file = (await fixture.Client.GetJsonAsync($"/api/images/{second}")).GetProperty("files")[0].GetProperty("path").GetString();
        await Assertions.Expect(Page.Locator("#detail-title")).ToHaveTextAsync(Path.GetFileName(file)!);
        await Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Page.Locator("#detail")).ToBeHiddenAsync();
        Assert.Equal(second, await Page.EvaluateAsync<string>("document.activeElement.dataset.id"));
    }

    [Fact]
    public async Task Page_Duplicates_ShowsGroupsSideBySideWithTheKeeperMarked()
    {
        await OpenAsync("?tab=dupes");

        var groups = Page.Locator("#dupes .group");
        await Assertions.Expect(groups).ToHaveCountAsync(2);
        await Assertions.Expect(Page.Locator("#dupes .member.keeper")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.Locator("#dupes .badge").First).ToHaveTextAsync("Keep");
        await WaitForThumbnailsAsync();
        await ShotAsync("06-duplicates");

        await OpenAsync("?tab=clusters");
        await Assertions.Expect(Page.Locator("#clusters-status")).ToContainTextAsync("No style clusters yet");
        await ShotAsync("07-clusters");
    }

    private Task OpenAsync(string pathAndQuery) => _browser.OpenAsync(fixture.Server.Address, "/" + pathAndQuery);

    private Task WaitForThumbnailsAsync() => _browser.WaitForPicturesAsync();

    private Task ShotAsync(string name) => _browser.ShotAsync(name);
}
