using Microsoft.Playwright;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>
/// Debian's chromium driven by Playwright (installed by scripts/install-test-deps; Playwright never downloads a
/// browser). No clocks: every wait ends on its event (a hang is stopped by the runner's hang timeout). The page's
/// Content-Security-Policy forbids eval, so waits use locators and Expect, never WaitForFunction with a string.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public IPage Page { get; private set; } = null!;

    public static async Task<BrowserSession> StartAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-test-deps (it installs Debian's chromium)");
        var session = new BrowserSession { _playwright = await Playwright.CreateAsync() };
        session._browser = await session._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Timeout = 0,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        session.Page = await session._browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 860 } });
        // A 10 s limit failed on a loaded machine.
        session.Page.SetDefaultTimeout(0);
        Assertions.SetDefaultExpectTimeout(0);
        return session;
    }

    /// <summary>Opens a URL of the page and waits until it has wired itself up.</summary>
    public async Task OpenAsync(Uri server, string pathAndQuery)
    {
        await Page.GotoAsync(new Uri(server, pathAndQuery).ToString());
        await Assertions.Expect(Page.Locator("body[data-ready='true']")).ToHaveCountAsync(1);
    }

    /// <summary>Until every picture in view has loaded or failed: waits on their load and error events.</summary>
    public Task WaitForPicturesAsync() => Page.EvaluateAsync(
        """
        () => Promise.all([...document.images]
            .filter((i) => i.getClientRects().length > 0 && i.getBoundingClientRect().top < innerHeight && i.getBoundingClientRect().bottom > 0 && i.getAttribute("src") && !i.complete)
            .map((i) => new Promise((resolve) => { i.addEventListener("load", resolve, { once: true }); i.addEventListener("error", resolve, { once: true }); })))
        """);

    public async Task ShotAsync(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
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
