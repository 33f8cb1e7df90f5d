using DrawingFromDiffusion.Core.Accounts;

namespace DrawingFromDiffusion.Core.Tests.Accounts;

public sealed class PasswordHashTests
{
    [Fact]
    public void Hash_SamePasswordTwice_DifferentSaltsBothVerify()
    {
        var first = PasswordHash.Hash("correct horse battery");
        var second = PasswordHash.Hash("correct horse battery");

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$600000$", first, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first.Split('$')[3]).Length);
        Assert.True(PasswordHash.Verify("correct horse battery", first));
        Assert.True(PasswordHash.Verify("correct horse battery", second));
    }

    [Theory]
    [InlineData("correct horse batterY")]
    [InlineData("correct horse battery ")]
    [InlineData("")]
    public void Verify_OtherPassword_False(string attempt)
    {
        var stored = PasswordHash.Hash("correct horse battery");

        Assert.False(PasswordHash.Verify(attempt, stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text password")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$600000$not base64!$AAAA")]
    [InlineData("bcrypt$600000$AAAA$AAAA")]
    public void Verify_StoredValueNotAHash_False(string stored)
    {
        Assert.False(PasswordHash.Verify("plain text password", stored));
    }

    [Fact]
    public void Verify_LowerIterationCountInStoredHash_StillVerifies()
    {
        // A hash written with another cost keeps working: the count is read from the stored value.
        var salt = new byte[16];
        var hash = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("pw"u8, salt, 1000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        var stored = $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";

        Assert.True(PasswordHash.Verify("pw", stored));
        Assert.False(PasswordHash.Verify("pW", stored));
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("a.b_c-9", true)]
    [InlineData("", false)]
    [InlineData("-alice", false)]
    [InlineData("al ice", false)]
    [InlineData("alice/../root", false)]
    public void UserNames_Rule(string name, bool allowed)
    {
        Assert.Equal(allowed, UserNames.Problem(name) is null);
    }
}
