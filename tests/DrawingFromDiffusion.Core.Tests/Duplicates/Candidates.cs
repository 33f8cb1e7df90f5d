using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

internal static class Candidates
{
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DuplicateCandidate File(long image, string path, ulong phash = 0, ulong dhash = 0, int width = 512, int height = 512, int ageDays = 0, bool generation = false) =>
        new(image, path, width, height, phash, dhash, Epoch.AddDays(-ageDays), generation);
}
