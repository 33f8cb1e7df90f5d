namespace DrawingFromDiffusion.App.Contracts;

/// <summary>One result: the image id (thumbnails and files are fetched by it), a score where the search ranks, and why it matched.</summary>
/// <param name="Kind">image, video, or video_frame: a video's best-matching frame, standing for its video (one result per video).</param>
/// <param name="VideoId">for a frame, the video it belongs to (its file is served by this id).</param>
/// <param name="TimestampMs">for a frame, where in the video it is.</param>
/// <param name="Name">the file name of one of its files (captions of pictures without prompts).</param>
public sealed record SearchHit(
    long Id,
    double? Score,
    string Why,
    int Width,
    int Height,
    string Format,
    string? Generator,
    string? Checkpoint,
    string? Prompt,
    string Kind = "image",
    long? VideoId = null,
    long? TimestampMs = null,
    string? Name = null);
