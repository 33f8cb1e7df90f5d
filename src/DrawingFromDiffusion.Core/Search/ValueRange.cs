using System.Globalization;

namespace DrawingFromDiffusion.Core.Search;

/// <summary>An inclusive numeric range from the CLI syntax <c>N</c>, <c>A..B</c>, <c>A..</c> or <c>..B</c>. Decimal, so 64-bit seeds stay exact.</summary>
public readonly record struct ValueRange(decimal? Min, decimal? Max)
{
    public bool IsExact => Min is not null && Min == Max;

    /// <returns>false with a message a person can act on when <paramref name="text"/> is not a number or range.</returns>
    public static bool TryParse(string? text, out ValueRange range, out string? error)
    {
        range = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty range";
            return false;
        }

        var trimmed = text.Trim();
        var dots = trimmed.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            if (!TryNumber(trimmed, out var exact))
            {
                error = $"'{trimmed}' is not a number (use N, A..B, A.. or ..B)";
                return false;
            }

            range = new ValueRange(exact, exact);
            return true;
        }

        var low = trimmed[..dots].Trim();
        var high = trimmed[(dots + 2)..].Trim();
        decimal? min = null, max = null;
        if (low.Length > 0)
        {
            if (!TryNumber(low, out var value))
            {
                error = $"'{low}' in '{trimmed}' is not a number";
                return false;
            }

            min = value;
        }

        if (high.Length > 0)
        {
            if (!TryNumber(high, out var value))
            {
                error = $"'{high}' in '{trimmed}' is not a number";
                return false;
            }

            max = value;
        }

        if (min is null && max is null)
        {
            error = "'..' needs at least one bound";
            return false;
        }

        if (min > max)
        {
            error = $"'{trimmed}': the lower bound is above the upper bound";
            return false;
        }

        range = new ValueRange(min, max);
        return true;
    }

    public bool Contains(decimal value) => (Min is null || value >= Min) && (Max is null || value <= Max);

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
