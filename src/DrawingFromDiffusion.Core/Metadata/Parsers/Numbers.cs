using System.Globalization;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Invariant-culture number parsing that returns null instead of throwing.</summary>
internal static class Numbers
{
    public static int? Int(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return Double(trimmed) is { } d && Math.Floor(d) == d && d >= int.MinValue && d <= int.MaxValue ? (int)d : null;
    }

    public static double? Double(string? text) =>
        text is not null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;

    /// <summary>Seeds as exact integers: up to 2^64−1 and negative; fractional or out-of-range text is refused.</summary>
    public static decimal? Seed(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 40)
        {
            return null;
        }

        if (decimal.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // "1234.0" and "1.2e3" from float-printing writers.
        return decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && decimal.Truncate(value) == value ? decimal.Truncate(value) : null;
    }

    /// <summary>"1024x768", "1024 x 768", "(768, 1280)", "512x768   (landscape)".</summary>
    public static (int Width, int Height)? Size(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var digits = new List<int>(2);
        var current = -1L;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                current = (current < 0 ? 0 : current * 10) + (c - '0');
                if (current > int.MaxValue)
                {
                    return null;
                }
            }
            else if (current >= 0)
            {
                digits.Add((int)current);
                current = -1;
                if (digits.Count == 2)
                {
                    break;
                }
            }
        }

        if (current >= 0 && digits.Count < 2)
        {
            digits.Add((int)current);
        }

        return digits.Count == 2 ? (digits[0], digits[1]) : null;
    }
}
