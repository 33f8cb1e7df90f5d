using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Fuzz;
using SharpFuzz;

// afl   : under afl-fuzz, after `sharpfuzz` instrumented DrawingFromDiffusion.Core.dll (scripts/fuzz does both).
// mutate: a plain random-mutation loop over a corpus, no AFL needed: mutate CORPUS_DIR SECONDS [SEED].
// A crash is any exception escaping the metadata reader: it must turn every input into a result with warnings.
if (args is ["afl"])
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        Target.Run(buffer.ToArray());
    });
    return 0;
}

if (args is ["mutate", var corpus, var seconds, ..])
{
    var seed = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount;
    return MutationRunner.Run(corpus, TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)), seed, Console.Out);
}

Console.Error.WriteLine("usage: dfd-fuzz afl | mutate CORPUS_DIR SECONDS [SEED]");
return 2;

namespace DrawingFromDiffusion.Fuzz
{
    /// <summary>The fuzz target: the container readers (PNG, JPEG, WebP, EXIF, XMP, C2PA) and every generator parser behind them.</summary>
    internal static class Target
    {
        private static readonly MetadataReader _reader = new();

        public static void Run(byte[] input) => _ = _reader.Read(input);
    }
}
