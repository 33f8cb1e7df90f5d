using System.Diagnostics;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Text;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using Microsoft.ML.OnnxRuntime;

namespace DrawingFromDiffusion.Benchmarks.Embedding;

/// <summary>
/// Model-only images/s at batch 1/8/32 (preprocessed tensors reused), preprocessing cost per image,
/// and text-embedding latency (p50) per graph optimisation level. Timings on a shared machine are noisy:
/// compare rows from one run only.
/// </summary>
public static class EmbeddingThroughput
{
    public static int Run(string[] args)
    {
        var pack = ModelPack.Load(args[0]);
        var images = Directory.GetFiles(args[1]).Order(StringComparer.Ordinal).ToArray();
        var threads = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var sessions = new OnnxSessionFactory(new DeviceOptions("cpu", Threads: threads));
        Console.WriteLine($"pack {pack.Id}, {threads} intra-op threads, ORT {OnnxSessionFactory.OrtVersion}, {Environment.ProcessorCount} cores");

        using (var embedder = new OnnxImageEmbedder(pack, sessions, 32))
        {
            var clock = Stopwatch.StartNew();
            var tensors = images.Take(32).Select(p =>
            {
                using var s = File.OpenRead(p);
                return embedder.Prepare(s, long.MaxValue);
            }).ToList();
            Console.WriteLine($"preprocess (decode+resize+crop+normalise, 1 thread): {clock.Elapsed.TotalMilliseconds / tensors.Count:0.0} ms/image");
            foreach (var batch in new[] { 1, 8, 32 })
            {
                using var b = new OnnxImageEmbedder(pack, sessions, batch);
                b.Embed(tensors.Take(batch).ToList());
                var n = 0;
                clock.Restart();
                while (clock.Elapsed < TimeSpan.FromSeconds(8) || n < 32)
                {
                    b.Embed(tensors.Take(batch).ToList());
                    n += batch;
                }

                Console.WriteLine($"model-only batch {batch,2}: {n / clock.Elapsed.TotalSeconds:0.0} images/s");
            }
        }

        if (pack.HasText)
        {
            var prompt = "a watercolor painting of a red fox in the snow, highly detailed";
            foreach (var level in new[] { GraphOptimizationLevel.ORT_ENABLE_BASIC, GraphOptimizationLevel.ORT_ENABLE_ALL })
            {
                using var text = new TextProbe(pack, threads, level);
                Console.WriteLine($"text p50 ({level}, dynamic length, {text.Tokens(prompt)} tokens): {text.P50(prompt):0.0} ms; padded to 77: {text.P50Padded(prompt):0.0} ms");
            }
        }

        Console.WriteLine($"peak RSS: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        return 0;
    }

    private sealed class TextProbe : IDisposable
    {
        private readonly OnnxTextEmbedder _dynamic;
        private readonly OnnxTextEmbedder _padded;

        public TextProbe(ModelPack pack, int threads, GraphOptimizationLevel level)
        {
            var sessions = new OnnxSessionFactory(new DeviceOptions("cpu", Threads: threads)) { DefaultOptimization = level };
            _dynamic = new OnnxTextEmbedder(pack, sessions);
            var fixedPack = Clone(pack);
            _padded = new OnnxTextEmbedder(fixedPack, sessions);
        }

        public int Tokens(string text) => ((ClipTokenizer)_dynamic.Tokenizer).Tokenize(text).Length;

        public double P50(string text) => Median(_dynamic, text);

        public double P50Padded(string text) => Median(_padded, text);

        private static double Median(OnnxTextEmbedder e, string text)
        {
            for (var i = 0; i < 5; i++)
            {
                e.Embed(text);
            }

            var times = new List<double>();
            for (var i = 0; i < 40; i++)
            {
                var clock = Stopwatch.StartNew();
                e.Embed(text);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            return times[times.Count / 2];
        }

        private static ModelPack Clone(ModelPack pack)
        {
            var dir = Directory.CreateTempSubdirectory("dfd-bench-").FullName;
            foreach (var file in Directory.GetFiles(pack.Directory))
            {
                File.CreateSymbolicLink(Path.Combine(dir, Path.GetFileName(file)), file);
            }

            File.Delete(Path.Combine(dir, ModelPack.ManifestName));
            var manifest = pack.Manifest with { Text = pack.Manifest.Text! with { DynamicLength = false } };
            File.WriteAllText(Path.Combine(dir, ModelPack.ManifestName), manifest.ToJson());
            return ModelPack.Load(dir);
        }

        public void Dispose()
        {
            _dynamic.Dispose();
            _padded.Dispose();
        }
    }
}
