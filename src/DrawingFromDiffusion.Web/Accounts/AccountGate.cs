using System.Security.Claims;
using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.Web.Accounts;

/// <summary>
/// The one place requests are let through or refused: with accounts, every endpoint but the page's files and the
/// login needs a session (401), every state-changing request a CSRF token (403), and an endpoint's
/// <see cref="RequiredRole"/> a role at least that high (403). Audited endpoints write their row after a success.
/// </summary>
internal static class AccountGate
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next, bool accountsOn)
    {
        var endpoint = context.GetEndpoint();
        var required = endpoint?.Metadata.GetMetadata<RequiredRole>();
        if (accountsOn && await RefusalAsync(context, endpoint, required) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next();
        if (required?.AuditAction is { } action && context.Response.StatusCode < 400 && context.RequestServices.GetService<AccountsService>() is { } accounts)
        {
            var user = accountsOn ? context.User.FindFirstValue(ClaimTypes.Name) ?? "?" : "local";
            try
            {
                accounts.Record(user, action, AuditTarget.Get(context) ?? context.Request.Path.Value ?? "");
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DrawingFromDiffusion.Web.Audit")
                    .LogError(ex, "Could not write the audit row for {Action} by {User}", action, user);
            }
        }
    }

    private static async Task<IResult?> RefusalAsync(HttpContext context, Endpoint? endpoint, RequiredRole? required)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if (!signedIn && endpoint?.Metadata.GetMetadata<PublicEndpoint>() is null)
        {
            return Results.Problem("Sign in first (POST /api/login); this server requires an account.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
        {
            if (string.IsNullOrEmpty(context.Request.Headers[AccountsSetup.CsrfHeader]))
            {
                return Forbidden($"A state-changing request needs the {AccountsSetup.CsrfHeader} header from GET /api/session.");
            }

            try
            {
                await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return Forbidden($"The {AccountsSetup.CsrfHeader} header does not match this session; fetch a new one from GET /api/session.");
            }
        }

        if (required is not null)
        {
            var role = RoleNames.Parse(context.User.FindFirstValue(ClaimTypes.Role));
            if (role is null || role < required.Role)
            {
                return Forbidden($"This needs the {RoleNames.Name(required.Role)} role; {context.User.Identity?.Name} is a {(role is { } r ? RoleNames.Name(r) : "user without a role")}.");
            }
        }

        return null;
    }

    private static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
