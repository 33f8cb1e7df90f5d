using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Fuzz;
using SharpFuzz;

// afl [TARGET]      : under afl-fuzz, after `sharpfuzz` instrumented DrawingFromDiffusion.Core.dll (scripts/fuzz does both).
// mutate CORPUS_DIR SECONDS [SEED] [TARGET] : a plain random-mutation loop over a corpus, no AFL needed.
// texts IMAGES_DIR TEXTS_DIR : writes the container texts of every image as a corpus for the parsers target.
// TARGET: containers (file bytes → MetadataReader.Read) or parsers (texts → every generator parser, unguarded).
// A crash is any exception escaping the target: both must turn every input into a result with warnings.
if (args is ["afl", ..])
{
    var target = Target.Named(args.Length > 1 ? args[1] : "containers");
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray());
    });
    return 0;
}

if (args is ["mutate", var corpus, var seconds, ..])
{
    var seed = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount;
    var target = Target.Named(args.Length > 4 ? args[4] : "containers");
    return MutationRunner.Run(corpus, TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)), seed, target, Console.Out);
}

if (args is ["texts", var images, var texts])
{
    Directory.CreateDirectory(texts);
    var written = 0;
    foreach (var file in Directory.GetFiles(images))
    {
        var source = Target.Texts(File.ReadAllBytes(file));
        if (source.Length > 0)
        {
            File.WriteAllBytes(Path.Combine(texts, Path.GetFileNameWithoutExtension(file) + ".txt"), source);
            written++;
        }
    }

    Console.WriteLine($"{written} text corpus files in {texts}");
    return 0;
}

Console.Error.WriteLine("usage: dfd-fuzz afl [containers|parsers] | mutate CORPUS_DIR SECONDS [SEED] [containers|parsers] | texts IMAGES_DIR TEXTS_DIR");
return 2;

namespace DrawingFromDiffusion.Fuzz
{
    /// <summary>The fuzz targets: the container readers (PNG, JPEG, WebP, EXIF, XMP, C2PA) with the parsers behind them, and the parsers alone.</summary>
    internal static class Target
    {
        private static readonly MetadataReader _reader = new();

        /// <summary>Every generator parser, called without the reader's guard: an exception of any type is a bug.</summary>
        private static readonly IMetadataParser[] _parsers = typeof(IMetadataParser).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMetadataParser).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IMetadataParser)Activator.CreateInstance(t)!)
            .ToArray();

        public static Action<byte[]> Named(string name) => name switch
        {
            "containers" => Containers,
            "parsers" => Parsers,
            _ => throw new ArgumentException($"unknown fuzz target {name}: containers or parsers"),
        };

        public static void Containers(byte[] input) => _ = _reader.Read(input);

        /// <summary>Input: key NUL value NUL key NUL value …, as a container would yield them.</summary>
        public static void Parsers(byte[] input)
        {
            var parts = System.Text.Encoding.UTF8.GetString(input).Split('\0');
            var texts = new List<MetadataText>();
            for (var i = 0; i + 1 < parts.Length; i += 2)
            {
                texts.Add(new MetadataText(parts[i], parts[i + 1], "fuzz"));
            }

            var source = new MetadataSource(Core.Catalog.ImageFormat.Png, texts);
            foreach (var parser in _parsers)
            {
                _ = parser.Parse(source);
            }
        }

        /// <summary>The texts a container yields, in the <see cref="Parsers"/> input shape.</summary>
        public static byte[] Texts(byte[] image)
        {
            var source = Core.Metadata.Containers.ContainerReader.Read(image, Core.Metadata.Containers.ContainerLimits.Default);
            return System.Text.Encoding.UTF8.GetBytes(string.Join('\0', source.Texts.SelectMany(t => new[] { t.Key, t.Value })));
        }
    }
}
