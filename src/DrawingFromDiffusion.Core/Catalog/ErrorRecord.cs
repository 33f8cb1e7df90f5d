namespace DrawingFromDiffusion.Core.Catalog;

public sealed record ErrorRecord(string Path, string Stage, string Reason, DateTimeOffset At);
