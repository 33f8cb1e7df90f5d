using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.Core.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DrawingFromDiffusion.Web.Accounts;

/// <summary>An account as the API shows it (never its hash).</summary>
public sealed record UserInfo(string Name, string Role, DateTimeOffset Created);

/// <summary>A new account.</summary>
public sealed record NewUser(string? Name, string? Role, string? Password);

/// <summary>A role change.</summary>
public sealed record RoleChange(string? Role);

/// <summary>/api/users: admins manage accounts, like `dfd users`. Every change is audited.</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapGet("", (AccountsService accounts) => Results.Ok(accounts.List().Select(Info)))
            .WithName("Users").WithSummary("Every account with its role (admins only).")
            .Produces<UserInfo[]>()
            .RequireRole(Role.Admin);
        users.MapPost("", (NewUser user, HttpContext context, AccountsService accounts) =>
            {
                if (RoleNames.Parse(user.Role) is not { } role)
                {
                    return Problems.BadRequest("role must be viewer, curator or admin");
                }

                return Answer(() =>
                {
                    var account = accounts.Add(user.Name ?? "", role, user.Password ?? "", Actor(context));
                    return Results.Created($"/api/users/{Uri.EscapeDataString(account.Name)}", Info(account));
                });
            })
            .WithName("AddUser").WithSummary("Adds an account (admins only); the password has at least 10 characters.")
            .Produces<UserInfo>(StatusCodes.Status201Created)
            .RequireRole(Role.Admin);
        users.MapDelete("/{name}", (string name, HttpContext context, AccountsService accounts) =>
                Answer(() =>
                {
                    accounts.Remove(name, Actor(context));
                    return Results.NoContent();
                }))
            .WithName("RemoveUser").WithSummary("Removes an account (admins only); its sessions end.")
            .RequireRole(Role.Admin);
        users.MapPut("/{name}/role", (string name, RoleChange change, HttpContext context, AccountsService accounts) =>
            {
                if (RoleNames.Parse(change.Role) is not { } role)
                {
                    return Problems.BadRequest("role must be viewer, curator or admin");
                }

                return Answer(() =>
                {
                    accounts.SetRole(name, role, Actor(context));
                    return Results.NoContent();
                });
            })
            .WithName("SetUserRole").WithSummary("Changes an account's role (admins only); it applies to its open sessions at once.")
            .RequireRole(Role.Admin);
    }

    private static UserInfo Info(UserAccount account) => new(account.Name, RoleNames.Name(account.Role), account.Created);

    /// <summary>The account service writes these changes' audit rows itself, with the signed-in admin as the actor.</summary>
    private static string Actor(HttpContext context) => context.User.Identity?.Name ?? "local";

    private static IResult Answer(Func<IResult> change)
    {
        try
        {
            return change();
        }
        catch (AccountException ex)
        {
            return ex.Fault switch
            {
                AccountFault.NotFound => Problems.NotFound(ex.Message),
                AccountFault.Exists => Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
                _ => Problems.BadRequest(ex.Message),
            };
        }
    }
}
