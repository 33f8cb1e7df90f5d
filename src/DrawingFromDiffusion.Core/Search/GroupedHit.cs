namespace DrawingFromDiffusion.Core.Search;

/// <summary>
/// One result: an image, or a video standing for all of its matching frames.
/// </summary>
/// <param name="Id">the image id, or the video's id when frames matched.</param>
/// <param name="Distance">the best distance in the group.</param>
/// <param name="BestFrame">the best-matching frame (its thumbnail and the moment to play from); null for an image.</param>
/// <param name="Frames">every matching frame of the video, best first (what <c>--frames</c> lists); empty for an image.</param>
public sealed record GroupedHit(long Id, float Distance, FrameMatch? BestFrame, IReadOnlyList<FrameMatch> Frames);
