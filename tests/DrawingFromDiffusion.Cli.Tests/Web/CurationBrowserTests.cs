using System.IO.Compression;
using Microsoft.Playwright;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>The results grid's keys and multi-select in chromium: rate, tag, lightbox, select, collect, zip.</summary>
[Collection(WebCollection.Name)]
public sealed class CurationBrowserTests : IAsyncLifetime
{
    private TestCatalog _catalog = null!;
    private TestServer _server = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    private ILocator Tiles => Page.Locator("#grid .tile");

    public async Task InitializeAsync()
    {
        _catalog = await TestCatalog.CreateAsync(6, CancellationToken.None);
        _server = await TestServer.StartAsync(_catalog.Database, CancellationToken.None);
        _browser = await BrowserSession.StartAsync();
        // A guard against a hang (a failure names the locator), not a timing: every wait still ends on its event.
        Page.SetDefaultTimeout(120_000);
        Assertions.SetDefaultExpectTimeout(120_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
        _catalog.Dispose();
    }

    [Fact]
    public async Task Keys_ArrowRateTagAndLightbox_WriteTheCurationAndCloseWithEsc()
    {
        await _browser.OpenAsync(_server.Address, "/");
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("results");
        await Tiles.Nth(0).FocusAsync();

        await Page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(Tiles.Nth(1)).ToBeFocusedAsync();
        var id = long.Parse((await Tiles.Nth(1).GetAttributeAsync("data-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Page.Keyboard.PressAsync("4");
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("Rated 1 image(s) ★★★★");
        await Page.Keyboard.PressAsync("t");
        await Assertions.Expect(Page.Locator("#tag-input")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("keeper, ink");
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("Tagged 1 image(s): keeper, ink");
        await Assertions.Expect(Tiles.Nth(1)).ToBeFocusedAsync();

        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("#detail")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#detail-body")).ToContainTextAsync("Seed");
        await Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Page.Locator("#detail")).ToBeHiddenAsync();
        await Assertions.Expect(Tiles.Nth(1)).ToBeFocusedAsync();

        var curation = await _server.Client.GetJsonAsync($"/api/images/{id}/curation");
        Assert.Equal(4, curation.GetProperty("rating").GetInt32());
        Assert.Equal(["ink", "keeper"], curation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());
    }

    [Fact]
    public async Task Select_SpaceCtrlAndShiftClick_AddsToCollectionAndDownloadsZip()
    {
        await _browser.OpenAsync(_server.Address, "/");
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("results");
        await _browser.WaitForPicturesAsync();
        await Tiles.Nth(1).FocusAsync();

        await Page.Keyboard.PressAsync(" ");
        await Tiles.Nth(2).ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.ControlOrMeta] });
        await Tiles.Nth(4).ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Shift] });

        await Assertions.Expect(Page.Locator("#selection-count")).ToHaveTextAsync("4 selected");
        await Assertions.Expect(Page.Locator("#detail")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("#grid .tile[aria-pressed='true']")).ToHaveCountAsync(4);
        var chosen = new List<long>();
        for (var i = 1; i <= 4; i++)
        {
            chosen.Add(long.Parse((await Tiles.Nth(i).GetAttributeAsync("data-id"))!, System.Globalization.CultureInfo.InvariantCulture));
        }

        await Page.FillAsync("#collection-name", "thesis-ch2");
        await Page.ClickAsync("#collection-form button[type=submit]");
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("Added 4 image(s) to “thesis-ch2”");
        await _browser.ShotAsync("curation-select");

        var shown = await _server.Client.GetJsonAsync("/api/collections/thesis-ch2");
        Assert.Equal(chosen.Order(), shown.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("image_id").GetInt64()).Order());
        var href = await Page.Locator("#selection-zip").GetAttributeAsync("href");
        using var response = await _server.Client.GetAsync(href);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(chosen.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), zip.Entries.Select(e => Path.GetFileNameWithoutExtension(e.FullName)).Order());
        Assert.All(zip.Entries, e => Assert.Contains(Path.GetExtension(e.FullName), new[] { ".png", ".jpg" }));
        var first = zip.Entries.Single(e => Path.GetFileNameWithoutExtension(e.FullName) == chosen[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var content = new MemoryStream();
        await using (var stream = first.Open())
        {
            await stream.CopyToAsync(content);
        }

        var original = await _server.Client.GetByteArrayAsync($"/api/images/{chosen[0]}/file");
        Assert.Equal(original, content.ToArray());
    }

    [Fact]
    public async Task Download_NoIdsOrUnknownIds_Refused()
    {
        using var none = await _server.Client.GetAsync("/api/download?ids=");
        using var bad = await _server.Client.GetAsync("/api/download?ids=1,x");
        using var unknown = await _server.Client.GetAsync("/api/download?ids=999999");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
