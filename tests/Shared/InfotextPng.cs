using System.Text;

namespace DrawingFromDiffusion.Tests.Shared;

/// <summary>Real PNGs carrying A1111 generation parameters in a tEXt "parameters" chunk, as the web UI writes them.</summary>
internal static class InfotextPng
{
    /// <summary>A <paramref name="width"/>×<paramref name="height"/> picture (seeded) with the parameters right after IHDR.</summary>
    public static byte[] Create(int width, int height, int seed, string parameters)
    {
        var png = TestImages.Png(width, height, seed);
        const int AfterHeader = 8 + 4 + 4 + 13 + 4; // signature, then IHDR's length, type, data and CRC
        using var output = new MemoryStream();
        output.Write(png, 0, AfterHeader);
        TestImages.WriteChunk(output, "tEXt", [.. Encoding.Latin1.GetBytes("parameters"), 0, .. Encoding.UTF8.GetBytes(parameters)]);
        output.Write(png, AfterHeader, png.Length - AfterHeader);
        return output.ToArray();
    }

    /// <summary>An A1111 infotext: prompt, negative prompt, then the parameters line.</summary>
    public static string Infotext(string prompt, long seed = 1, double cfg = 7, string model = "dreamshaper", string? lora = null) =>
        (lora is null ? prompt : $"{prompt}, <lora:{lora}:0.8>")
        + $"\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: {cfg.ToString(System.Globalization.CultureInfo.InvariantCulture)}, Seed: {seed}, Size: 64x48, Model hash: abc123, Model: {model}";
}
