namespace DrawingFromDiffusion.Storage;

/// <summary>Duplicate groups as stored (JSON), with the note of their run and when they were computed.</summary>
public sealed record StoredDuplicateRun(string GroupsJson, string? Note, DateTimeOffset ComputedAt);
