using System.CommandLine;
using DrawingFromDiffusion.Core.Text;
using DrawingFromDiffusion.App.Models;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd models list | pull | add | verify | tokenize`.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", $"Model packs: installed in $DFD_MODELS (default {ModelsService.DefaultRoot}), bundled next to dfd, or in the catalog.")
        {
            List(), Pull(), Add(), Verify(), Tokenize(),
        };
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "Installed and bundled packs, and the catalog's packs that `pull` can fetch.") { json };
        command.SetAction(parse =>
        {
            var listing = ModelsService.List();
            var installed = listing.Installed;
            var catalog = listing.Catalog;
            var defaultPack = listing.DefaultPack;
            if (parse.GetValue(json))
            {
                Json.Write(new
                {
                    root = listing.Root,
                    default_model = defaultPack,
                    installed = installed.Select(p => new
                    {
                        id = p.Pack?.Id,
                        directory = p.Directory,
                        bundled = p.Bundled,
                        family = p.Pack?.Manifest.Family,
                        dims = p.Pack?.Manifest.EmbeddingSize,
                        text = p.Pack?.HasText,
                        problem = p.Problem,
                    }),
                    catalog = catalog.Select(c => new { c.Id, c.Description, c.Layout, size_bytes = c.Files.Sum(f => f.Size ?? 0) }),
                });
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Installed packs ({listing.Root}):");
            foreach (var p in installed)
            {
                var mark = p.Pack?.Id == defaultPack ? "*" : " ";
                Console.WriteLine(p.Pack is { } pack
                    ? $" {mark} {pack.Id,-28} {pack.Manifest.Family,-5} {pack.Manifest.EmbeddingSize,4}-d  {(pack.HasText ? "text+image" : "image only")}{(p.Bundled ? "  (bundled)" : string.Empty)}"
                    : $"   {Path.GetFileName(p.Directory),-28} broken: {p.Problem}");
            }

            Console.WriteLine("  (* = used by `dfd index` when --model is not given)");
            Console.WriteLine("Catalog (dfd models pull ID):");
            foreach (var c in catalog)
            {
                Console.WriteLine($"   {c.Id,-28} {c.Files.Sum(f => f.Size ?? 0) / 1e6,6:0} MB  {c.Description}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Pull()
    {
        var id = new Argument<string>("id") { Description = "a pack id from `dfd models list`'s catalog" };
        var replace = new Option<bool>("--replace") { Description = "replace an installed pack with the same id" };
        var catalogPath = new Option<string?>("--catalog") { Description = "catalog file (default: the one shipped with dfd)", HelpName = "PATH" };
        var command = new Command("pull", "Download a catalog pack: shows progress, resumes partial downloads, verifies SHA-256, installs atomically. Honours HTTPS_PROXY.") { id, replace, catalogPath };
        command.SetAction(async (parse, cancellationToken) =>
        {
            CatalogPack pack;
            try
            {
                pack = ModelsService.FindInCatalog(parse.GetValue(id)!, parse.GetValue(catalogPath));
            }
            catch (ModelsUnavailableException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Usage;
            }

            using var progress = ProgressRenderer.For(Console.Error);
            try
            {
                var installed = await ModelsService.PullAsync(pack, parse.GetValue(replace), progress, cancellationToken);
                progress.Finish();
                Console.WriteLine($"installed {installed.Id} in {installed.Directory}");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is ModelPackException or HttpRequestException or IOException)
            {
                progress.Finish();
                Console.Error.WriteLine($"dfd: pull {pack.Id} failed: {ex.Message} (run again to resume)");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static Command Add()
    {
        var dir = new Argument<string>("dir") { Description = "a folder with model.json, or a Hugging Face/Xenova or Immich export" };
        var id = new Option<string?>("--id") { Description = "install under this id (default: the folder name)" };
        var replace = new Option<bool>("--replace") { Description = "replace an installed pack with the same id" };
        var command = new Command("add", "Import a pack folder (layout auto-detected) into the installed packs.") { dir, id, replace };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var pack = await ModelsService.AddAsync(parse.GetValue(dir)!, parse.GetValue(id), parse.GetValue(replace), cancellationToken);
                Console.WriteLine($"installed {pack.Id} ({pack.Manifest.Family}, {pack.Manifest.EmbeddingSize}-d, {(pack.HasText ? "text+image" : "image only")}) in {pack.Directory}");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is ModelPackException or IOException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static Command Verify()
    {
        var id = new Argument<string>("id") { Description = "an installed or bundled pack id" };
        var command = new Command("verify", "Check every file of a pack against its SHA-256 and its tensors against model.json.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            PackVerification verification;
            try
            {
                verification = await ModelsService.VerifyAsync(parse.GetValue(id)!, cancellationToken);
            }
            catch (ModelsUnavailableException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Usage;
            }

            var problems = verification.Problems;
            foreach (var p in problems)
            {
                Console.Error.WriteLine($"dfd: {verification.PackId}: {p}");
            }

            Console.WriteLine(problems.Count == 0 ? $"{verification.PackId}: ok ({verification.Files} files, tensors match model.json)" : $"{verification.PackId}: {problems.Count} problem(s)");
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Tokenize()
    {
        var text = new Argument<string[]>("text") { Arity = ArgumentArity.OneOrMore, Description = "the text (words are joined by spaces; put -- first if it starts with a dash)" };
        var model = new Option<string?>("--model") { Description = "use this pack's tokenizer, context length and pad id (default: OpenAI CLIP, 77 ids, pad 0)" };
        var language = new Option<string?>("--language") { Description = "NLLB packs: the language code put before the text (an NLLB-200 code; default: the pack's)", HelpName = "CODE" }
            .Accepting(NllbLanguageCodes.Contains, "an NLLB-200 language code: " + string.Join(", ", NllbLanguageCodes.All));
        var json = CommonOptions.Json();
        var command = new Command("tokenize", "Print the token ids of a text (OpenAI CLIP, or a pack's tokenizer).") { text, model, language, json };
        command.SetAction(parse =>
        {
            var input = string.Join(' ', parse.GetValue(text)!);
            TokenizeResult result;
            try
            {
                result = ModelsService.Tokenize(input, parse.GetValue(model), parse.GetValue(language));
            }
            catch (ModelsUnavailableException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Usage;
            }

            var (tokens, context, pad) = (result.Tokens, result.ContextLength, result.PadId);
            if (parse.GetValue(json))
            {
                Json.Write(new { text = input, ids = tokens.Ids, length = tokens.Length, tokens.Truncated, context_length = context, pad_id = pad });
            }
            else
            {
                Console.WriteLine(string.Join(' ', tokens.Ids));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
