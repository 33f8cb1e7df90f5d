using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Onnx.Imaging;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd meta FILE`: parse one file's generation metadata without a catalog.</summary>
internal static class MetaCommand
{
    /// <summary>Metadata sits in the first few MB of any real image; a device or a huge file is refused, not read into memory.</summary>
    private const long MaxFileBytes = 512L * 1024 * 1024;

    private static readonly JsonSerializerOptions _explicitNulls = new(Json.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "an image (PNG, JPEG, WebP); the format is read from its bytes, not its name" };
        var json = CommonOptions.Json();
        var raw = new Option<bool>("--raw") { Description = "also print the raw text the record was parsed from" };
        var command = new Command("meta", """
            Print the generation metadata of one file (prompt, model, seed, sampler, LoRAs…) without indexing it.
            Reads A1111/Forge/SD.Next, ComfyUI, InvokeAI, NovelAI, Fooocus, SwarmUI, Easy Diffusion, Draw Things,
            Midjourney, Tensor.Art, Stability Matrix, Civitai and HF Spaces metadata, stealth pnginfo and C2PA.
            Examples:
              dfd meta image.png
              dfd meta image.png --json | jq .seed
            """)
        {
            file, json, raw,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            byte[] bytes;
            try
            {
                bytes = RegularFile.ReadAllBytes(path, MaxFileBytes);
            }
            catch (InputFileException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"dfd: cannot read {path}: {ex.Message}");
                return ExitCodes.Failure;
            }

            var result = new MetadataReader(new SkiaStealthTextReader()).Read(bytes);
            var view = MetaView.From(path, result, parse.GetValue(raw));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(view, _explicitNulls));
            }
            else
            {
                PrintText(view, parse.GetValue(raw));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void PrintText(MetaView view, bool raw)
    {
        if (view.Status == "none")
        {
            Console.WriteLine($"{view.File}: no generation metadata");
            return;
        }

        Console.WriteLine($"{view.File}: {view.Generator}{(view.Status == "malformed" ? $" (malformed: {view.Reason})" : "")}");
        Line("prompt", view.Prompt);
        Line("negative", view.NegativePrompt);
        Line("model", view.Model);
        Line("model hash", view.ModelHash);
        Line("seed", view.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line("steps", view.Steps?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line("sampler", view.Sampler);
        Line("scheduler", view.Scheduler);
        Line("cfg scale", view.CfgScale?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line("size", view.Width is null ? null : $"{view.Width}x{view.Height}");
        Line("vae", view.Vae);
        Line("clip skip", view.ClipSkip?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line("denoise", view.Denoise?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var lora in view.Loras)
        {
            Line("lora", lora.Weight is null ? lora.Name : $"{lora.Name} ({lora.Weight.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        if (view.Hires is { } hires)
        {
            Line("hires", JsonSerializer.Serialize(hires, Json.Compact));
        }

        if (view.C2pa is { } c2pa)
        {
            Line("c2pa", JsonSerializer.Serialize(c2pa, Json.Compact));
        }

        foreach (var (key, value) in view.Extra)
        {
            Line(key, value.Length > 200 ? value[..200] + "…" : value);
        }

        foreach (var warning in view.Warnings)
        {
            Line("warning", warning);
        }

        if (raw)
        {
            Line("raw", view.Raw);
        }
    }

    private static void Line(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Console.WriteLine($"  {label,-11} {value.Replace("\n", "\n              ", StringComparison.Ordinal)}");
        }
    }
}
