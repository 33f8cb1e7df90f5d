using System.Diagnostics;
using System.Globalization;

namespace DrawingFromDiffusion.Fuzz;

/// <summary>
/// Without AFL: takes corpus files, flips, inserts, deletes, duplicates and splices bytes (and PNG chunk lengths),
/// runs the target on each mutant, and saves every input that throws to CORPUS_DIR/../crashes.
/// </summary>
internal static class MutationRunner
{
    public static int Run(string corpusFolder, TimeSpan duration, int seed, Action<byte[]> target, TextWriter log)
    {
        var corpus = Directory.GetFiles(corpusFolder).Select(File.ReadAllBytes).Where(b => b.Length > 0).ToList();
        if (corpus.Count == 0)
        {
            log.WriteLine($"no corpus files in {corpusFolder}");
            return 2;
        }

        var crashes = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusFolder))!, "crashes");
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        long runs = 0;
        var found = 0;
        while (clock.Elapsed < duration)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], corpus[random.Next(corpus.Count)], random);
            try
            {
                target(input);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                found++;
                Directory.CreateDirectory(crashes);
                var name = Path.Combine(crashes, $"crash-{seed}-{runs}.bin");
                File.WriteAllBytes(name, input);
                log.WriteLine($"CRASH {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")} -> {name}");
            }

            runs++;
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs} inputs in {clock.Elapsed.TotalSeconds:0} s (seed {seed}), {found} crash(es)"));
        return found == 0 ? 0 : 1;
    }

    private static byte[] Mutate(byte[] input, byte[] other, Random random)
    {
        var bytes = new List<byte>(input);
        var edits = 1 + random.Next(8);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(64)));
                    break;
                case 3:
                    bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(64)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4:
                    // An interesting number where a length or a count may sit.
                    var value = new[] { 0u, 1u, 0x7FFFFFFFu, 0xFFFFFFFFu, 0x80000000u, 65535u }[random.Next(6)];
                    for (var i = 0; i < 4 && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] = (byte)(value >> (24 - (8 * i)));
                    }

                    break;
                case 5:
                    var length = Math.Min(bytes.Count - at, 1 + random.Next(256));
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    var from = random.Next(other.Length);
                    bytes.InsertRange(at, other.Skip(from).Take(1 + random.Next(512)));
                    break;
            }
        }

        return [.. bytes];
    }
}
