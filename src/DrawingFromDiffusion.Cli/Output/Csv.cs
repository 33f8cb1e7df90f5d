namespace DrawingFromDiffusion.Cli.Output;

internal static class Csv
{
    /// <summary>Quotes a field per RFC 4180 when it holds a comma, quote or line break.</summary>
    public static string Field(string? value)
    {
        if (value is null)
        {
            return "";
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
