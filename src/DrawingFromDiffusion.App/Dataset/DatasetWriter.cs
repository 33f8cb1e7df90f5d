using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Curation;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Dataset;

/// <summary>Writes the images and captions of one export in its layout; originals are opened for reading only.</summary>
internal sealed class DatasetWriter(string folder, DatasetExportRequest request)
{
    /// <summary>Formats trainers read as they are (kohya's IMAGE_EXTENSIONS, PIL for diffusers); anything else becomes PNG.</summary>
    private static readonly Dictionary<string, string> _kept = new() { ["png"] = ".png", ["jpeg"] = ".jpg", ["webp"] = ".webp", ["bmp"] = ".bmp" };

    private readonly List<ExportedImage> _images = [];

    public string Folder { get; } = folder;

    public IReadOnlyList<ExportedImage> Images => _images;

    /// <summary>The kohya subset folder: &lt;repeats&gt;_&lt;concept&gt; (sd-scripts reads the number before the first '_' as repeats).</summary>
    public string SubsetFolder => request.Format switch
    {
        DatasetFormat.Kohya => string.Create(CultureInfo.InvariantCulture, $"{request.Repeats}_{request.Concept ?? request.Collection}"),
        DatasetFormat.Jsonl => "images",
        _ => "",
    };

    /// <returns>the written image, or why the image was left out.</returns>
    public async Task<(ExportedImage? Image, string? Problem)> WriteAsync(DatasetSource source, CancellationToken cancellationToken)
    {
        var path = source.Paths.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return (null, "no file of it is on disk any more (rescan with dfd index)");
        }

        byte[] original;
        try
        {
            original = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {path}: {ex.Message}");
        }

        if (ContentHash.Of(original) != source.Hash)
        {
            return (null, $"{path} changed since it was scanned (rescan with dfd index)");
        }

        var bucket = request.Buckets is { } sides ? AspectBuckets.Choose(source.Width, source.Height, sides) : ((int, int)?)null;
        var extension = bucket is null ? _kept.GetValueOrDefault(source.Format) : null;
        var bytes = extension is null ? TrainingImageWriter.ToPng(original, bucket) : original;
        if (bytes is null)
        {
            return (null, $"{path} cannot be decoded");
        }

        extension ??= ".png";
        var stem = source.ImageId.ToString("D6", CultureInfo.InvariantCulture);
        var relative = Join(SubsetFolder, stem + extension);
        var caption = request.Caption == CaptionSource.Tags
            ? CaptionCleaner.FromTags(source.Tags, request.Trigger)
            : CaptionCleaner.FromPrompt(source.Prompt, request.Trigger);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Folder, relative))!);
        await File.WriteAllBytesAsync(Path.Combine(Folder, relative), bytes, cancellationToken);
        string? captionFile = null;
        if (request.Format == DatasetFormat.Kohya)
        {
            captionFile = Join(SubsetFolder, stem + ".txt");
            await File.WriteAllTextAsync(Path.Combine(Folder, captionFile), caption, cancellationToken);
        }

        var (width, height) = bucket ?? (source.Width, source.Height);
        var image = new ExportedImage(source.ImageId, path, source.Hash.ToString(), Sha256(original), relative, Sha256(bytes), captionFile, caption, width, height);
        _images.Add(image);
        return (image, null);
    }

    /// <summary>Writes the layout's metadata file; returns the files written besides images and captions.</summary>
    public async Task<IReadOnlyList<string>> FinishAsync(CancellationToken cancellationToken)
    {
        switch (request.Format)
        {
            case DatasetFormat.Diffusers:
                // Hugging Face imagefolder: file_name relative to the metadata file, the caption column named text.
                await WriteLinesAsync("metadata.jsonl", _images.Select(i => (object)new { file_name = i.File, text = i.Caption }), cancellationToken);
                return ["metadata.jsonl"];
            case DatasetFormat.Jsonl:
                await WriteLinesAsync("dataset.jsonl", _images.Select(i => (object)new
                {
                    file_name = i.File, text = i.Caption, image_id = i.ImageId, source = i.Source, source_hash = i.SourceHash, sha256 = i.Sha256, width = i.Width, height = i.Height,
                }), cancellationToken);
                return ["dataset.jsonl"];
            default:
                return [];
        }
    }

    private async Task WriteLinesAsync(string name, IEnumerable<object> lines, CancellationToken cancellationToken)
    {
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        await File.WriteAllLinesAsync(Path.Combine(Folder, name), lines.Select(l => JsonSerializer.Serialize(l, options)), cancellationToken);
    }

    private static string Join(string subfolder, string name) => subfolder.Length == 0 ? name : subfolder + "/" + name;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
