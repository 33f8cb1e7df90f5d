using DrawingFromDiffusion.Cli.Tests.Web;
using DrawingFromDiffusion.Core.Accounts;
using Microsoft.Playwright;

namespace DrawingFromDiffusion.Cli.Tests.Accounts;

/// <summary>The page's sign-in form in chromium, on a server that requires accounts. In the web collection: one browser at a time.</summary>
[Collection(WebCollection.Name)]
public sealed class LoginPageBrowserTests : IAsyncLifetime
{
    private AccountsServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await AccountsServer.StartAsync();
        _server.AddUser("vera", Role.Viewer);
        _browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task LoginPage_WrongThenRightPassword_ErrorThenSignedInThenSignedOut()
    {
        var page = _browser.Page;
        await page.GotoAsync(_server.Address.ToString());
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToBeHiddenAsync();

        await page.FillAsync("#login-name", "vera");
        await page.FillAsync("#login-password", "wrong password");
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#login-status")).ToHaveTextAsync("Wrong user name or password.");

        await page.FillAsync("#login-password", AccountsServer.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("body[data-ready='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#user-name")).ToHaveTextAsync("vera (viewer)");
        await Assertions.Expect(page.Locator("#login")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#stats")).ToContainTextAsync("0 images");

        await page.ClickAsync("#logout");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
    }
}
