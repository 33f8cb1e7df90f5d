using System.Text.Json;

namespace DrawingFromDiffusion.App.Dataset;

/// <summary>
/// The safety rules of the output folder: never one that holds (or lies above) a catalogued original; a folder that
/// is not empty only with --overwrite and only when it holds an earlier dfd export, of which exactly the files its
/// manifest lists are deleted (never a catalogued original, never anything outside the folder).
/// </summary>
internal static class DatasetOutput
{
    /// <returns>notices about what was replaced or left in place.</returns>
    /// <param name="originals">the export's source files: never deleted, and the folder may not hold any.</param>
    /// <param name="cataloguedUnder">whether any catalogued file lies under a folder.</param>
    public static IReadOnlyList<string> Prepare(string folder, bool overwrite, IReadOnlySet<string> originals, Func<string, bool> cataloguedUnder)
    {
        var full = Path.GetFullPath(folder);
        var prefix = full.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (originals.FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal)) is { } inside)
        {
            throw new DatasetExportException($"--out {folder} holds catalogued originals (e.g. {inside}); choose a folder of its own, nothing is written beside originals");
        }

        if (cataloguedUnder(full))
        {
            throw new DatasetExportException($"--out {folder} holds catalogued images; choose a folder of its own, nothing is written beside originals");
        }

        if (File.Exists(full))
        {
            throw new DatasetExportException($"--out {folder} is a file; give a folder");
        }

        if (!Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any())
        {
            Directory.CreateDirectory(full);
            return [];
        }

        if (!overwrite)
        {
            throw new DatasetExportException($"--out {folder} is not empty; choose an empty or new folder, or pass --overwrite to replace an earlier dfd dataset export there");
        }

        var manifestPath = Path.Combine(full, DatasetManifest.FileName);
        DatasetManifest? previous = null;
        try
        {
            previous = File.Exists(manifestPath) ? JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(manifestPath), DatasetManifest.Json) : null;
        }
        catch (JsonException)
        {
            previous = null;
        }

        if (previous is not { Generator: DatasetManifest.Marker })
        {
            throw new DatasetExportException($"--out {folder} is not empty and holds no earlier dfd dataset export ({DatasetManifest.FileName}); --overwrite only replaces one of those");
        }

        var written = previous.Images.SelectMany(i => new[] { i.File, i.CaptionFile }).Concat(previous.Files)
            .Append(DatasetManifest.ReportFileName).Append(DatasetManifest.FileName).OfType<string>();
        foreach (var relative in written)
        {
            var path = Path.GetFullPath(Path.Combine(full, relative));
            if (path.StartsWith(prefix, StringComparison.Ordinal) && !originals.Contains(path) && File.Exists(path))
            {
                File.Delete(path);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(full, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }

        var left = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Count();
        return left == 0
            ? [$"replaced the earlier export in {full}"]
            : [$"replaced the earlier export in {full}; {left} file(s) it did not write were left in place"];
    }
}
