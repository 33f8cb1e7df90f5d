using System.Text.Json;
using DrawingFromDiffusion.Cli.Commands;

namespace DrawingFromDiffusion.Cli.Tests;

[Collection("Console")]
public sealed class MetadataCommandsTests : IDisposable
{
    private static readonly string _samples = Path.Combine(AppContext.BaseDirectory, "TestData", "Metadata");
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Meta_ComfyUiFileAsJson_PrintsNormalisedFields()
    {
        var (exit, output, _) = ConsoleCapture.Run(MetaCommand.Create(), Path.Combine(_samples, "lora.png"), "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("comfyui", json.GetProperty("generator").GetString());
        Assert.Equal("masterpiece best quality girl", json.GetProperty("prompt").GetString());
        Assert.Equal(851616030078638, json.GetProperty("seed").GetInt64());
        Assert.Equal(8.0, json.GetProperty("cfg_scale").GetDouble());
        Assert.Equal("epiNoiseoffset_v2.safetensors", json.GetProperty("loras")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("model_hash").ValueKind);
    }

    [Fact]
    public void Meta_FileWithoutMetadata_SaysSo()
    {
        var (exit, output, _) = ConsoleCapture.Run(MetaCommand.Create(), Path.Combine(_samples, "empty_image.png"));

        Assert.Equal(0, exit);
        Assert.Contains("no generation metadata", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_MissingFile_FailsWithMessage()
    {
        var (exit, _, error) = ConsoleCapture.Run(MetaCommand.Create(), Path.Combine(_folder, "nope.png"));

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexThenSearch_PromptAndFilters_FindsTheFile()
    {
        var library = Directory.CreateDirectory(Path.Combine(_folder, "lib")).FullName;
        foreach (var file in Directory.GetFiles(_samples, "*.*").Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(library, Path.GetFileName(file)));
        }

        var db = Path.Combine(_folder, "catalog.db");
        Assert.Equal(0, ConsoleCapture.Run(IndexCommand.Create(), library, "--db", db, "--workers", "1").ExitCode);

        var (exit, output, _) = ConsoleCapture.Run(SearchCommand.Create(), "--prompt", "\"best quality\"", "--seed", "851616030078638", "--db", db, "--json");
        Assert.Equal(0, exit);
        var hits = JsonDocument.Parse(output).RootElement.GetProperty("results");
        Assert.Equal("lora.png", Path.GetFileName(Assert.Single(hits.EnumerateArray()).GetProperty("path").GetString()));

        var csv = ConsoleCapture.Run(SearchCommand.Create(), "--generator", "sd-webui", "--cfg", "5..6", "--db", db, "--csv").Out;
        Assert.Contains("sd-webui.jpg", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("lora.png", csv, StringComparison.Ordinal);

        var facets = JsonDocument.Parse(ConsoleCapture.Run(FacetsCommand.Create(), "--db", db, "--json").Out).RootElement;
        Assert.Equal(2, facets.GetProperty("images_with_metadata").GetInt64());

        var export = ConsoleCapture.Run(ExportCommand.Create(), "--db", db).Out;
        Assert.Contains("\"prompt\":\"masterpiece best quality girl\"", export, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_MalformedPromptQuery_GivesClearMessageNotStackTrace()
    {
        var db = Path.Combine(_folder, "catalog.db");
        var library = Directory.CreateDirectory(Path.Combine(_folder, "lib2")).FullName;
        File.Copy(Path.Combine(_samples, "lora.png"), Path.Combine(library, "lora.png"));
        ConsoleCapture.Run(IndexCommand.Create(), library, "--db", db, "--workers", "1");

        var (exit, _, error) = ConsoleCapture.Run(SearchCommand.Create(), "--prompt", "\"unterminated", "--db", db);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("cannot search prompts", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--steps", "ten")]
    [InlineData("--seed", "5..1")]
    [InlineData("--since", "yesterday-ish")]
    public void Search_BadFilterSyntax_ExitsWithUsage(string option, string value)
    {
        var (exit, _, error) = ConsoleCapture.Run(SearchCommand.Create(), option, value, "--db", Path.Combine(_folder, "none.db"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }
}
