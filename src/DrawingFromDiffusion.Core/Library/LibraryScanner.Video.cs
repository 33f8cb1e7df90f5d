using System.Diagnostics;
using System.Threading.Channels;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Video;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>Videos: sampled frames are analysed as images of their own, linked to the video.</summary>
public partial class LibraryScanner
{
    private async Task<ScanOutcome> SampleVideoAsync(
        IVideoSampler sampler, ScanOptions options, FoundFile file, ImageFormat format, ContentHash hash, MetadataParseResult generation, CancellationToken cancellationToken)
    {
        VideoSample sample;
        try
        {
            sample = await sampler.SampleAsync(file.Path, format, options.Video, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoRejectedException ex)
        {
            return new FileFailed(file.Path, file.Size, file.ModifiedTicks, ScanStage.Decode, ex.Message);
        }

        var frames = new List<FrameFacts>(sample.Frames.Count);
        var notes = sample.Notes.ToList();
        foreach (var frame in sample.Frames)
        {
            try
            {
                using var stream = new MemoryStream(frame.Image, writable: false);
                var facts = analyzer.Analyze(stream, FormatSniffer.Sniff(frame.Image), options.Limits, cancellationToken);
                frames.Add(new FrameFacts(frame.TimestampMs, facts, frame.Image));
            }
            catch (ImageRejectedException ex)
            {
                notes.Add($"frame at {frame.TimestampMs} ms: {ex.Message}");
            }
        }

        if (frames.Count == 0)
        {
            return new FileFailed(file.Path, file.Size, file.ModifiedTicks, ScanStage.Decode, $"no usable frame: {string.Join("; ", notes)}");
        }

        var texts = new Dictionary<string, string>(sample.MetadataTexts, StringComparer.Ordinal);
        if (!texts.ContainsKey("prompt") && VideoSidecar.FindPng(file.Path) is { } sidecar)
        {
            foreach (var (key, value) in VideoSidecar.ReadPngTexts(sidecar))
            {
                texts.TryAdd(key, value);
            }

            texts["sidecar"] = sidecar;
        }

        // Container tags and side-car texts in PNG-chunk shape go through the same parsers as images
        // (an animated WebP's EXIF was already read from its bytes).
        if (generation.Status == ParseStatus.NotMine)
        {
            var location = texts.ContainsKey("sidecar") ? "video side-car PNG" : "video container tag";
            generation = MetadataReader.Parse(new MetadataSource(
                format, texts.Where(t => t.Key != "sidecar").Select(t => new MetadataText(t.Key, t.Value, location)).ToList()));
        }

        var first = frames[0].Facts;
        var videoFacts = first with { Format = format, Width = sample.Info.Width, Height = sample.Info.Height };
        return new FileScanned(file.Path, file.Size, file.ModifiedTicks, hash, videoFacts, new VideoFacts(sample.Info, frames, texts, notes)) { Generation = generation };
    }

    /// <summary>A GIF needs its frames counted (the whole file, when in memory); a WebP says so in its first chunks.</summary>
    private static bool IsAnimated(Stream pixels)
    {
        if (pixels is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            return FormatSniffer.IsAnimated(buffer);
        }

        var head = new byte[1 << 20];
        var read = pixels.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        pixels.Position = 0;
        return FormatSniffer.IsAnimated(head.AsSpan(0, read));
    }
}
