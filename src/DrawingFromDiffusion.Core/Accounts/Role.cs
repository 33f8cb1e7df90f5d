namespace DrawingFromDiffusion.Core.Accounts;

/// <summary>What a signed-in user may do; each role may do everything the roles before it may.</summary>
public enum Role
{
    /// <summary>Search and browse.</summary>
    Viewer = 1,

    /// <summary>Also tag, rate, move and delete (every state-changing curation request).</summary>
    Curator = 2,

    /// <summary>Also manage users and roots.</summary>
    Admin = 3,
}

/// <summary>Role names as the command line and the API spell them.</summary>
public static class RoleNames
{
    public static string Name(Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Curator => "curator",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    public static Role? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "viewer" => Role.Viewer,
        "curator" => Role.Curator,
        "admin" => Role.Admin,
        _ => null,
    };
}
