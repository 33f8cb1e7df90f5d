namespace DrawingFromDiffusion.Core.Accounts;

/// <summary>The rule for account names: 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
public static class UserNames
{
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="name"/> cannot name an account, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a user name is needed";
        }

        if (name.Length > MaxLength)
        {
            return $"a user name has at most {MaxLength} characters";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return $"'{name}' is not a user name: use letters, digits, '.', '_' and '-', starting with a letter or digit";
        }

        return null;
    }
}
