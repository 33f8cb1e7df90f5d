using System.Threading.RateLimiting;

namespace DrawingFromDiffusion.Web.Accounts;

/// <summary>Failed logins per user name, counted by the framework's fixed-window limiter; a name out of permits is refused before its password is checked.</summary>
internal sealed class LoginThrottle(LoginLimits limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.FailuresPerName,
            Window = limits.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public TimeSpan Window => limits.Window;

    public bool IsLockedOut(string name) => _failures.GetStatistics(Key(name))?.CurrentAvailablePermits is 0;

    public void Failed(string name)
    {
        using var lease = _failures.AttemptAcquire(Key(name));
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(string name) => name.ToLowerInvariant();
}
