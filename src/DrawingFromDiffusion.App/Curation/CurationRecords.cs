namespace DrawingFromDiffusion.App.Curation;

/// <summary>Images named on a command line or in a request, resolved to catalog ids (in the order given, without repeats).</summary>
/// <param name="Unknown">the ids and paths that name no catalogued image.</param>
public sealed record ResolvedImages(IReadOnlyList<long> Ids, IReadOnlyList<string> Unknown);

/// <summary>What people said about one image: stars (null: unrated), favourite, manual tags and collections.</summary>
public sealed record ImageCuration(long ImageId, int? Rating, bool Favourite, IReadOnlyList<string> Tags, IReadOnlyList<string> Collections);

/// <summary>A tag change: how many (image, tag) pairs changed, over how many images.</summary>
public sealed record TagChange(int Changed, int Images, IReadOnlyList<string> Tags);

/// <summary>A tag with how many images carry it; <paramref name="Manual"/>: given by people, else by a tagger pack.</summary>
public sealed record TagUse(string Name, bool Manual, int Images);

/// <summary>One tag of an image; <paramref name="Source"/> is "user" or the tagger pack.</summary>
public sealed record ImageTagInfo(string Name, string Source, string Category, double Score);

/// <summary>A collection and its size.</summary>
public sealed record CollectionInfo(string Name, DateTimeOffset Created, int Images);

/// <summary>One image of a collection, in the order added.</summary>
public sealed record CollectionEntry(long ImageId, string? Path, int? Rating, bool Favourite, DateTimeOffset Added);

/// <summary>A collection with its images.</summary>
public sealed record CollectionContents(string Name, DateTimeOffset Created, IReadOnlyList<CollectionEntry> Images);

/// <summary>A change of membership: how many images were added or removed, and whether the collection was created by it.</summary>
public sealed record CollectionChange(string Collection, int Changed, int Asked, bool Created);
