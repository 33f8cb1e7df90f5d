using System.Text.Json;
using DrawingFromDiffusion.App.Contracts;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>One JSON shape for every command's --json output: snake_case, indented, nulls kept out.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = JsonShape.Options;

    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
