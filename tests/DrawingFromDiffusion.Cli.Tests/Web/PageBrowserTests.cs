using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>
/// The page's state in the URL, its pictures, the Duplicates and Clusters tabs and the detail panel, in chromium on
/// a clip-art-like catalog (<see cref="PageCatalog"/>). In the web collection, so one browser runs at a time.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class PageBrowserTests(PageCatalog catalog) : IClassFixture<PageCatalog>, IAsyncLifetime
{
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    private ILocator Tiles => Page.Locator("#grid .tile");

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Url_LinkedQuery_RunsThatSearch()
    {
        await OpenAsync("/?q=clock");

        await Assertions.Expect(Page.Locator("#q")).ToHaveValueAsync("clock");
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("for “clock”");
        await Assertions.Expect(Tiles).ToHaveCountAsync(PageCatalog.PerFamily);
    }

    [Fact]
    public async Task Url_SearchFiltersTabAndPage_BackForwardAndReloadRestoreThem()
    {
        await OpenAsync("/?q=clock");
        await Assertions.Expect(Tiles).ToHaveCountAsync(PageCatalog.PerFamily);

        await Page.FillAsync("#f-seed-min", "505");
        await Page.PressAsync("#f-seed-min", "Enter");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"\?q=clock&seed_min=505$"));
        await Assertions.Expect(Tiles).ToHaveCountAsync(7);

        await Page.ClickAsync("nav a[data-view='dupes']");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"\?tab=dupes$"));
        await Assertions.Expect(Page.Locator("#dupes .group")).ToHaveCountAsync(20);
        await Page.ClickAsync("#dupes .pager .next");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"\?tab=dupes&page=2$"));
        await Assertions.Expect(Page.Locator("#dupes .group")).ToHaveCountAsync(catalog.GroupCount - 20);

        await Page.ReloadAsync();
        await Assertions.Expect(Page.Locator("#dupes .page-of")).ToHaveTextAsync("Page 2 of 2");
        await Assertions.Expect(Page.Locator("#dupes .group")).ToHaveCountAsync(catalog.GroupCount - 20);

        await Page.GoBackAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"\?tab=dupes$"));
        await Assertions.Expect(Page.Locator("#dupes .page-of")).ToHaveTextAsync("Page 1 of 2");
        await Page.GoBackAsync();
        await Assertions.Expect(Page.Locator("#view-search")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#f-seed-min")).ToHaveValueAsync("505");
        await Assertions.Expect(Tiles).ToHaveCountAsync(7);
        await Page.GoBackAsync();
        await Assertions.Expect(Page.Locator("#f-seed-min")).ToHaveValueAsync("");
        await Assertions.Expect(Page.Locator("#q")).ToHaveValueAsync("clock");
        await Assertions.Expect(Tiles).ToHaveCountAsync(PageCatalog.PerFamily);

        await Page.GoForwardAsync();
        await Assertions.Expect(Page.Locator("#f-seed-min")).ToHaveValueAsync("505");
        await Assertions.Expect(Tiles).ToHaveCountAsync(7);
    }

    [Fact]
    public async Task Tiles_TallWideAndTransparentPictures_ShownWholeOnALightCheckerboard()
    {
        await OpenAsync("/");
        await Assertions.Expect(Tiles).ToHaveCountAsync(PageCatalog.Families.Length * PageCatalog.PerFamily);
        await _browser.WaitForPicturesAsync();

        foreach (var name in new[] { "tall-01.png", "wide-01.png", "star-01.png" })
        {
            var box = Page.Locator($"#grid .tile[data-id='{catalog.IdOf(name)}'] .pic");
            var style = await box.EvaluateAsync<string[]>(
                "b => { const s = getComputedStyle(b), i = getComputedStyle(b.querySelector('img')); return [i.objectFit, s.backgroundImage, s.backgroundColor]; }");
            Assert.Equal("contain", style[0]);
            Assert.Contains("linear-gradient", style[1], StringComparison.Ordinal);
            Assert.True(IsLight(style[2]), $"{name}: the checkerboard's ground is {style[2]}");
        }

        // The tile's picture box is square and holds the whole 1:4 picture: its drawn width is a quarter of its height.
        var tall = Page.Locator($"#grid .tile[data-id='{catalog.IdOf("tall-01.png")}'] .pic img");
        var sizes = await tall.EvaluateAsync<double[]>("i => [i.clientWidth, i.clientHeight, i.naturalWidth, i.naturalHeight]");
        Assert.Equal(sizes[0], sizes[1], 1.0);
        Assert.Equal(0.25, sizes[2] / sizes[3], 2);
        await Assertions.Expect(Page.Locator($"#grid .tile[data-id='{catalog.IdOf("star-01.png")}'] .caption")).ToContainTextAsync("star-01.png");
    }

    [Fact]
    public async Task Detail_FileWithoutMetadata_HasNoEmptyHeading_TaggedFileShowsItsTags()
    {
        await OpenAsync("/");
        await Page.ClickAsync($"#grid .tile[data-id='{catalog.IdOf("star-01.png")}']");
        await Assertions.Expect(Page.Locator("#no-generation")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#detail-body h3", new() { HasText = "Generation" })).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("#detail-tags")).ToHaveCountAsync(0);
        var empty = await Page.Locator("#detail-body").EvaluateAsync<string[]>(
            "b => [...b.querySelectorAll('h3')].filter(h => !h.nextElementSibling || h.nextElementSibling.tagName === 'H3' || !h.nextElementSibling.textContent.trim()).map(h => h.textContent)");
        Assert.Empty(empty);
        await Assertions.Expect(Page.Locator("#detail-body dl.facts dt").First).ToHaveTextAsync("Catalog id");
        await Assertions.Expect(Page.Locator("#detail-body")).Not.ToContainTextAsync("[object");
        await Page.Keyboard.PressAsync("Escape");

        await Page.ClickAsync($"#grid .tile[data-id='{catalog.IdOf("clock-01.png")}']");
        await Assertions.Expect(Page.Locator("#detail-body h3", new() { HasText = "Generation" })).ToHaveCountAsync(1);
        var tags = Page.Locator("#detail-tags .tag");
        await Assertions.Expect(tags).ToHaveCountAsync(3);
        await Assertions.Expect(Page.Locator("#detail-tags")).ToContainTextAsync("clock");
        await Assertions.Expect(Page.Locator("#detail-tags")).ToContainTextAsync("no humans");
        await Assertions.Expect(Page.Locator("#detail-tags .tag.rating")).ToContainTextAsync("general");
    }

    private Task OpenAsync(string pathAndQuery) => _browser.OpenAsync(catalog.Server.Address, pathAndQuery);

    private static bool IsLight(string rgb)
    {
        var channels = Regex.Matches(rgb, @"\d+").Take(3).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        return channels.Count == 3 && channels.All(c => c >= 220);
    }
}
