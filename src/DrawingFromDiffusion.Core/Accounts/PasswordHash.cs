using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DrawingFromDiffusion.Core.Accounts;

/// <summary>
/// Password hashes: PBKDF2 with HMAC-SHA-256 (the framework's <see cref="Rfc2898DeriveBytes"/>), a random 16-byte
/// salt per user and 600,000 iterations (OWASP's figure for PBKDF2-SHA256), stored as
/// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64) so the cost can be raised later without breaking old hashes.
/// </summary>
public static class PasswordHash
{
    public const int Iterations = 600_000;

    /// <summary>Shorter passwords are refused when an account is made.</summary>
    public const int MinimumLength = 10;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private static readonly Lazy<string> _decoy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="stored"/>; the comparison takes the same time wherever the bytes differ.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of one verification, for a user name that does not exist: the answer's timing does not tell names apart.</summary>
    public static void VerifyDecoy(string password) => Verify(password, _decoy.Value);

    /// <summary>A short value that changes whenever the stored hash changes: a session made before a password change stops working.</summary>
    public static string Stamp(string stored) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stored ?? ""))[..8]);
}
