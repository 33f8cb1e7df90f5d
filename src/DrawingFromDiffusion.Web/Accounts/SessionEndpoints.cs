using System.Security.Claims;
using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DrawingFromDiffusion.Web.Accounts;

/// <summary>Who is signed in, with the CSRF token the page sends back.</summary>
/// <param name="Accounts">whether this server requires accounts (false on loopback: everything is allowed).</param>
/// <param name="User">the signed-in user, or null.</param>
/// <param name="Role">the user's role (admin without accounts).</param>
/// <param name="CsrfToken">the X-CSRF-Token header value for POST, PUT and DELETE (null without accounts).</param>
public sealed record SessionInfo(bool Accounts, string? User, string Role, string? CsrfToken);

/// <summary>A login form.</summary>
public sealed record LoginRequest(string? Name, string? Password);

/// <summary>/api/session, /api/login and /api/logout.</summary>
internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app, bool accountsOn)
    {
        app.MapGet("/api/session", (HttpContext context) => Results.Ok(Describe(context, accountsOn)))
            .WithName("Session")
            .WithSummary("Who is signed in, and the CSRF token to send as X-CSRF-Token on every POST, PUT and DELETE.")
            .Produces<SessionInfo>()
            .AllowSignedOut();
        if (!accountsOn)
        {
            return;
        }

        app.MapPost("/api/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Signs in with name and password (JSON); sets the session cookie. Rate-limited per address and per name: 429 after too many failures.")
            .Produces<SessionInfo>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(AccountsSetup.LoginPolicy)
            .AllowSignedOut();
        app.MapPost("/api/logout", async (HttpContext context) =>
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.NoContent();
            })
            .WithName("Logout")
            .WithSummary("Ends the session.")
            .RequireRole(Role.Viewer);
    }

    private static async Task<IResult> LoginAsync(LoginRequest? form, HttpContext context, AccountsService accounts, LoginThrottle throttle)
    {
        var name = form?.Name?.Trim() ?? "";
        if (throttle.IsLockedOut(name))
        {
            return AccountsSetup.TooManyAttempts(throttle.Window);
        }

        // PBKDF2 takes a few hundred milliseconds of CPU: off the request thread's pool slot.
        var account = await Task.Run(() => accounts.SignIn(name, form?.Password ?? ""), context.RequestAborted);
        if (account is null)
        {
            throttle.Failed(name);
            return Results.Problem("Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var principal = AccountsSetup.Principal(account);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // The CSRF token is bound to the user: hand out the signed-in one now, so the page needs no second request.
        context.User = principal;
        return Results.Ok(Describe(context, accountsOn: true));
    }

    private static SessionInfo Describe(HttpContext context, bool accountsOn)
    {
        if (!accountsOn)
        {
            return new SessionInfo(false, null, RoleNames.Name(Role.Admin), null);
        }

        var token = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken;
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        return new SessionInfo(true, signedIn ? context.User.FindFirstValue(ClaimTypes.Name) : null, signedIn ? context.User.FindFirstValue(ClaimTypes.Role) ?? "" : "", token);
    }
}
