using System.Security.Claims;
using System.Threading.RateLimiting;
using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace DrawingFromDiffusion.Web.Accounts;

/// <summary>
/// Accounts on the server: cookie sessions, a CSRF token on every state-changing request, rate-limited login and
/// the role gate. Registered only when the server requires accounts; without them (loopback) nothing here runs.
/// </summary>
internal static class AccountsSetup
{
    public const string SessionCookie = "dfd_session";
    public const string CsrfCookie = "dfd_csrf";
    public const string CsrfHeader = "X-CSRF-Token";
    public const string LoginPolicy = "login";
    public const string StampClaim = "dfd:stamp";

    public static void AddAccounts(IServiceCollection services, AccountsService accounts, LoginLimits limits)
    {
        services.AddSingleton(accounts);
        services.AddSingleton(new LoginThrottle(limits));
        // Keys live in memory: a restart signs everyone out, and no key file is left behind on the server.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => Refuse(context.HttpContext, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Refuse(context.HttpContext, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = Revalidate;
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = CsrfCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, cancellationToken) =>
                new ValueTask(TooManyAttempts(TimeSpan.FromMinutes(1)).ExecuteAsync(context.HttpContext));
            o.AddPolicy(LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AttemptsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    /// <summary>Before the endpoints: client address and scheme from a TLS proxy on this machine, the session, the login limiter.</summary>
    public static void UseAccounts(WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
    }

    public static IResult TooManyAttempts(TimeSpan retryAfter) =>
        Results.Problem(
            $"Too many login attempts; try again in {Math.Ceiling(retryAfter.TotalMinutes)} minutes.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            extensions: new Dictionary<string, object?> { ["retry_after_s"] = (int)retryAfter.TotalSeconds });

    public static ClaimsPrincipal Principal(UserAccount account) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Name),
            new Claim(ClaimTypes.Name, account.Name),
            new Claim(ClaimTypes.Role, RoleNames.Name(account.Role)),
            new Claim(StampClaim, PasswordHash.Stamp(account.PasswordHash)),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>Each request re-reads the account: a removed user or changed password ends the session, a changed role applies at once.</summary>
    private static async Task Revalidate(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountsService>();
        var name = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var account = accounts.Find(name);
        if (account is null || PasswordHash.Stamp(account.PasswordHash) != context.Principal?.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (RoleNames.Name(account.Role) != context.Principal?.FindFirstValue(ClaimTypes.Role))
        {
            context.ReplacePrincipal(Principal(account));
            context.ShouldRenew = true;
        }
    }

    private static Task Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
