using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>The Duplicates and Clusters tabs.</summary>
public sealed partial class PageBrowserTests
{
    [Fact]
    public async Task Duplicates_PagesThroughAllGroups_WithTotalCliTierWordsAndTentativeMark()
    {
        await OpenAsync("/?tab=dupes");

        var groups = Page.Locator("#dupes .group");
        await Assertions.Expect(groups).ToHaveCountAsync(20);
        await Assertions.Expect(Page.Locator("#dupes-total")).ToHaveTextAsync(catalog.GroupCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(Page.Locator("#dupes-status")).ToContainTextAsync($"{catalog.GroupCount} groups in all");
        // The words `dfd dupes` prints (identical, visual, semantic, variation), never the old exact/perceptual.
        await Assertions.Expect(groups.First.Locator(".kind")).ToHaveTextAsync("visual");
        await Assertions.Expect(groups.First.Locator(".member:not(.keeper) .link-how")).ToContainTextAsync("visual · pHash 3");
        await Assertions.Expect(Page.Locator("#view-dupes")).Not.ToContainTextAsync("perceptual");
        await Assertions.Expect(Page.Locator("#view-dupes")).Not.ToContainTextAsync("exact");
        // Marked from the group member's Tentative field: one member in all.
        await Assertions.Expect(Page.Locator("#dupes .member.tentative")).ToHaveCountAsync(1);
        await Assertions.Expect(groups.First.Locator(".member.tentative .tentative-mark")).ToHaveTextAsync("Tentative");
        await Assertions.Expect(groups.Nth(1).Locator(".tentative-mark")).ToHaveCountAsync(0);
        await _browser.WaitForPicturesAsync();
        await _browser.ShotAsync("08-duplicates-paged");

        await Page.ClickAsync("#dupes .pager .next");
        await Assertions.Expect(groups).ToHaveCountAsync(catalog.GroupCount - 20);
        await Assertions.Expect(groups.First.Locator("h2")).ToHaveTextAsync("Group 21");
        await Assertions.Expect(Page.Locator("#dupes .pager .next")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Duplicates_WhileTheFirstComputationRuns_TheStatusSaysWhatItDoes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync(new Regex(@"/api/dupes/progress$"), route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "application/json",
            Body = """{"ready":false,"running":true,"pixel_checks":120,"pixel_checks_total":4000,"seconds":42}""",
        }));
        await Page.RouteAsync(new Regex(@"/api/dupes\?"), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await OpenAsync("/?tab=dupes");

        var status = Page.Locator("#dupes-status");
        await Assertions.Expect(status).ToContainTextAsync("Finding duplicates for the first time");
        await Assertions.Expect(status).ToContainTextAsync("120 of 4,000 close pairs");
        await Assertions.Expect(status).ToContainTextAsync("42 s so far");
        release.SetResult();
        await Assertions.Expect(Page.Locator("#dupes .group")).ToHaveCountAsync(20);
        await Assertions.Expect(status).ToContainTextAsync("groups in all");
    }

    [Fact]
    public async Task Clusters_Map_SeparatesClusters_WithNumbersLegendHoverAndClickThrough()
    {
        await OpenAsync("/?tab=clusters");

        var dots = Page.Locator("#cluster-map circle.dot");
        await Assertions.Expect(dots).ToHaveCountAsync(PageCatalog.Families.Length * PageCatalog.PerFamily);
        await Assertions.Expect(Page.Locator("#cluster-map text.cluster-number")).ToHaveCountAsync(PageCatalog.Families.Length);
        await Assertions.Expect(Page.Locator("#map-legend .legend-item")).ToHaveCountAsync(PageCatalog.Families.Length);
        await Assertions.Expect(Page.Locator("#map-legend")).ToContainTextAsync("star");
        await Assertions.Expect(Page.Locator("#clusters-status")).ToContainTextAsync("Map: UMAP");
        // The layout separates the planted families: every dot lies nearer its own cluster's centre than any other.
        var misplaced = await Page.Locator("#cluster-map svg").EvaluateAsync<int>(
            """
            svg => {
              const dots = [...svg.querySelectorAll("circle.dot")].map(d => ({ c: d.dataset.cluster, x: +d.getAttribute("cx"), y: +d.getAttribute("cy") }));
              const centres = {};
              for (const d of dots) { const c = centres[d.c] ??= { x: 0, y: 0, n: 0 }; c.x += d.x; c.y += d.y; c.n++; }
              for (const c of Object.values(centres)) { c.x /= c.n; c.y /= c.n; }
              const nearest = (d) => Object.entries(centres).sort((a, b) => Math.hypot(a[1].x - d.x, a[1].y - d.y) - Math.hypot(b[1].x - d.x, b[1].y - d.y))[0][0];
              return dots.filter(d => nearest(d) !== d.c).length;
            }
            """);
        Assert.Equal(0, misplaced);
        // The contact sheets caption each picture with its file name.
        await Assertions.Expect(Page.Locator(".sheet[data-cluster='2'] .cell-name").First).ToContainTextAsync("star-");

        await Page.Locator("#cluster-map circle.dot[data-cluster='2']").First.DispatchEventAsync("pointerover");
        var tip = Page.Locator("#map-tip");
        await Assertions.Expect(tip).ToBeVisibleAsync();
        await Assertions.Expect(tip.Locator(".tip-name")).ToContainTextAsync("star-");
        await Assertions.Expect(tip.Locator(".tip-cluster")).ToContainTextAsync("cluster 2");
        await Assertions.Expect(tip.Locator("img")).ToHaveAttributeAsync("src", new Regex(@"/api/images/\d+/thumb$"));
        await _browser.WaitForPicturesAsync();
        await _browser.ShotAsync("09-clusters-map");

        await Page.ClickAsync("#map-legend .legend-item[data-cluster='3']");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"\?tab=clusters&cluster=3$"));
        var images = Page.Locator("#cluster-grid .tile");
        await Assertions.Expect(images).ToHaveCountAsync(PageCatalog.PerFamily);
        await Assertions.Expect(images.First.Locator(".caption")).ToContainTextAsync("tall-");
        await Assertions.Expect(Page.Locator("#cluster-head h2")).ToContainTextAsync("Cluster 3");

        await Page.GoBackAsync();
        await Assertions.Expect(dots).ToHaveCountAsync(PageCatalog.Families.Length * PageCatalog.PerFamily);
        await Page.Locator("#cluster-map circle.dot[data-cluster='1']").First.DispatchEventAsync("click");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"\?tab=clusters&cluster=1$"));
        await Assertions.Expect(images.First.Locator(".caption")).ToContainTextAsync("clock-");
    }
}
