namespace DrawingFromDiffusion.Web.Accounts;

/// <summary>
/// How many login attempts are answered before 429: per client address (any outcome, per minute), and per user name
/// (failures only, per window), so a guesser spread over many addresses still stops at one name's limit.
/// </summary>
public sealed record LoginLimits(int AttemptsPerAddressPerMinute = 20, int FailuresPerName = 5, TimeSpan? FailureWindow = null)
{
    public TimeSpan Window => FailureWindow ?? TimeSpan.FromMinutes(15);
}
