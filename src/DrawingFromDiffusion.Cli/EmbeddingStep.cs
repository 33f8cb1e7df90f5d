using System.CommandLine;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli;

/// <summary>The embedding pass of `dfd index`: every catalogued image lacking a vector for the model.</summary>
internal static class EmbeddingStep
{
    public static async Task<EmbeddingStepResult?> RunAsync(CatalogDatabase database, EmbeddingCliOptions cli, ParseResult parse, int workers, long maxPixels, bool retryFailed, CancellationToken cancellationToken)
    {
        if (parse.GetValue(cli.NoEmbed))
        {
            return null;
        }

        var store = ModelStore.Open();
        var id = parse.GetValue(cli.Model);
        var pack = id is null ? store.DefaultPack() : store.Find(id);
        if (pack is null)
        {
            return new EmbeddingStepResult(null, null, id is null ? "no model pack found (not even the bundled one); see `dfd doctor`" : $"no pack '{id}' (see `dfd models list`)", Failed: true, TextCapable: false);
        }

        var sessions = new OnnxSessionFactory(cli.Device.Read(parse), line => Console.Error.WriteLine(line));
        try
        {
            using var embedder = new OnnxImageEmbedder(pack, sessions, Math.Max(1, parse.GetValue(cli.BatchSize)));
            using var vectors = new SqliteEmbeddingStore(database);
            var options = new EmbeddingOptions
            {
                Workers = workers,
                MaxPixels = maxPixels,
                RetryFailed = retryFailed,
                Precision = parse.GetValue(cli.Precision) == "f32" ? VectorPrecision.Float32 : VectorPrecision.Float16,
            };
            var progress = new Progress<EmbeddingProgress>(p =>
            {
                if (!Console.IsErrorRedirected)
                {
                    Console.Error.Write($"\r\u001b[Kembedding {p.Embedded}/{p.Total} ({p.Embedded / Math.Max(p.Elapsed.TotalSeconds, 1e-9):0.0} images/s, {p.Failed} failed)");
                }
            });
            var summary = await new EmbeddingIndexer(vectors, embedder).RunAsync(options, progress, cancellationToken);
            if (!Console.IsErrorRedirected)
            {
                Console.Error.WriteLine();
            }

            return new EmbeddingStepResult(summary, sessions.ActiveDevice, null, Failed: false, TextCapable: embedder.Model.CanEmbedText);
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            return new EmbeddingStepResult(null, null, ex.Message, Failed: true, TextCapable: false);
        }
    }
}
