using DrawingFromDiffusion.Core.Accounts;
using Microsoft.AspNetCore.Builder;

namespace DrawingFromDiffusion.Web.Accounts;

/// <summary>Endpoint metadata: the least role that may call it, and the audit action written when it succeeds.</summary>
/// <param name="AuditAction">null: not audited (reads).</param>
public sealed record RequiredRole(Role Role, string? AuditAction);

/// <summary>Endpoint metadata: answered without signing in (the page's files, the session and login endpoints).</summary>
public sealed record PublicEndpoint;

/// <summary>
/// One line per endpoint: <c>.RequireRole(Role.Curator, "rate")</c>. With accounts on, a signed-in user with a
/// lesser role gets 403 and the handler never runs; a success (status below 400) writes an audit row (who, the
/// action, the target the handler named with <see cref="AuditTarget.Set"/>, else the request path). Without
/// accounts (loopback) everything is allowed and the row's user is "local".
/// </summary>
public static class RoleGate
{
    /// <summary>Every POST, PUT, PATCH and DELETE endpoint carries one of these; a test checks that.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role, string? auditAction = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(new RequiredRole(role, auditAction)));
        return builder;
    }

    /// <summary>Answered without signing in.</summary>
    public static TBuilder AllowSignedOut<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(new PublicEndpoint()));
        return builder;
    }
}

/// <summary>What an audited handler changed, for the audit row written after it succeeds.</summary>
public static class AuditTarget
{
    private const string Key = "dfd.audit.target";

    public static void Set(Microsoft.AspNetCore.Http.HttpContext context, string target)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = target;
    }

    internal static string? Get(Microsoft.AspNetCore.Http.HttpContext context) => context.Items[Key] as string;
}
