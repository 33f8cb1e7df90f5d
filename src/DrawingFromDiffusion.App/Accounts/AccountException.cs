namespace DrawingFromDiffusion.App.Accounts;

/// <summary>What went wrong with an account request, so each front end answers in its own terms (exit code, HTTP status).</summary>
public enum AccountFault
{
    /// <summary>A name, role or password that does not follow the rules.</summary>
    Invalid,

    /// <summary>The name is taken.</summary>
    Exists,

    /// <summary>No account has that name.</summary>
    NotFound,
}

/// <summary>An account request that cannot be carried out; the message is for the user.</summary>
public sealed class AccountException(AccountFault fault, string message) : Exception(message)
{
    public AccountFault Fault { get; } = fault;
}
