using System.Globalization;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Curation;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Curation;

/// <summary>
/// Manual tags, ratings, favourites and collections, for `dfd tag|rate|fav|collection` and the web page alike. Every
/// mark is stored on the image (its content), so it stays when a file is moved or the folder re-scanned.
/// </summary>
public sealed class CurationService
{
    private readonly CatalogDatabase _database;
    private readonly CurationStore _store;
    private readonly CollectionStore _collections;

    public CurationService(CatalogDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _store = new CurationStore(database);
        _collections = new CollectionStore(database);
    }

    /// <summary>
    /// Finds the images named by catalog id (digits) or by path (a catalogued file, or a folder: every image under it).
    /// Relative paths are taken from the current directory.
    /// </summary>
    public ResolvedImages Resolve(IEnumerable<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var ids = new List<long>();
        var unknown = new List<string>();
        var numbers = new List<(string Text, long Id)>();
        foreach (var reference in references)
        {
            if (reference.Length > 0 && reference.All(char.IsAsciiDigit))
            {
                numbers.Add((reference, long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1));
            }
            else
            {
                var found = _store.IdsAt(Path.GetFullPath(reference));
                if (found.Count == 0)
                {
                    unknown.Add(reference);
                }

                ids.AddRange(found);
            }
        }

        var existing = _store.ExistingIds(numbers.Select(n => n.Id));
        foreach (var (text, id) in numbers)
        {
            if (existing.Contains(id))
            {
                ids.Add(id);
            }
            else
            {
                unknown.Add(text);
            }
        }

        return new ResolvedImages(ids.Distinct().ToList(), unknown);
    }

    /// <summary>The ids that are catalogued images; throws <see cref="CurationException"/> (not found) naming the first that is not.</summary>
    public IReadOnlyList<long> RequireImages(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var existing = _store.ExistingIds(ids);
        var missing = ids.Where(id => !existing.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw new CurationException(CurationFault.NotFound, $"no image {string.Join(", ", missing.Take(5))} in the catalog");
        }

        return ids.Distinct().ToList();
    }

    /// <summary>Adds (or removes) manual tags; the tagger packs' tags are never touched.</summary>
    public TagChange Tag(IReadOnlyCollection<long> ids, IEnumerable<string> tags, bool add)
    {
        var names = NormaliseTags(tags);
        var images = RequireImages(ids);
        Writable();
        var changed = add ? _store.AddTags(images, names) : _store.RemoveTags(images, names);
        return new TagChange(changed, images.Count, names);
    }

    /// <summary>Tags with the number of images that carry them: manual tags, and the tagger packs' when <paramref name="withTaggerTags"/>.</summary>
    public IReadOnlyList<TagUse> Tags(bool withTaggerTags) => _store.TagCounts(withTaggerTags).Select(t => new TagUse(t.Name, t.Manual, t.Images)).ToList();

    /// <summary>Every tag of one image, manual ones first.</summary>
    public IReadOnlyList<ImageTagInfo> TagsOf(long imageId)
    {
        RequireImages([imageId]);
        return _store.TagsOf(imageId).Select(t => new ImageTagInfo(t.Name, t.Model, t.Category, t.Score)).ToList();
    }

    /// <summary>Sets the stars (0–5; null clears them).</summary>
    public void Rate(IReadOnlyCollection<long> ids, int? stars)
    {
        if (stars is < 0 or > 5)
        {
            throw new CurationException(CurationFault.Invalid, $"a rating is 0 to 5 stars; got {stars}");
        }

        var images = RequireImages(ids);
        Writable();
        _store.SetStars(images, stars);
    }

    public void Favourite(IReadOnlyCollection<long> ids, bool favourite)
    {
        var images = RequireImages(ids);
        Writable();
        _store.SetFavourite(images, favourite);
    }

    /// <summary>What people said about an image: stars, favourite, manual tags, collections.</summary>
    public ImageCuration Of(long imageId)
    {
        RequireImages([imageId]);
        var (stars, favourite) = _store.RatingOf(imageId);
        var tags = _store.TagsOf(imageId).Where(t => t.Model == CurationNames.UserTagModel).Select(t => t.Name).ToList();
        return new ImageCuration(imageId, stars, favourite, tags, _collections.CollectionsOf(imageId));
    }

    public IReadOnlyList<CollectionInfo> Collections() => _collections.All().Select(c => new CollectionInfo(c.Name, c.Created, c.Images)).ToList();

    /// <summary>Creates an empty collection; false when it already existed.</summary>
    public bool CreateCollection(string name)
    {
        CheckName(name);
        Writable();
        return _collections.Create(name);
    }

    public void DeleteCollection(string name)
    {
        var stored = RequireCollection(name);
        Writable();
        _collections.Delete(stored);
    }

    /// <summary>The collection and its images in the order they were added.</summary>
    public CollectionContents Show(string name)
    {
        var stored = RequireCollection(name);
        var info = _collections.All().Single(c => c.Name == stored);
        return new CollectionContents(stored, info.Created,
            _collections.Members(stored).Select(m => new CollectionEntry(m.ImageId, m.Path, m.Stars, m.Favourite, m.Added)).ToList());
    }

    /// <summary>The collection's image ids in order; throws when it does not exist.</summary>
    public IReadOnlyList<long> MemberIds(string name) => _collections.Members(RequireCollection(name)).Select(m => m.ImageId).ToList();

    /// <summary>Adds images at the end of the collection, creating it when it does not exist yet.</summary>
    public CollectionChange AddToCollection(string name, IReadOnlyCollection<long> ids)
    {
        CheckName(name);
        var images = RequireImages(ids);
        Writable();
        var (added, created) = _collections.Add(_collections.Find(name) ?? name, images);
        return new CollectionChange(_collections.Find(name)!, added, images.Count, created);
    }

    /// <summary>Adds the results of a search (in their ranked order) to the collection.</summary>
    internal async Task<CollectionChange> AddSearchResultsAsync(string name, ImageQuery query, EngineOptions engine, ILogger? logger, CancellationToken cancellationToken)
    {
        CheckName(name);
        Writable();
        var outcome = await SearchQueryService.SearchAsync(_database, engine, query, logger, cancellationToken);
        return AddToCollection(name, outcome.Results.Select(r => r.Row.ImageId).ToList());
    }

    public CollectionChange RemoveFromCollection(string name, IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var stored = RequireCollection(name);
        Writable();
        return new CollectionChange(stored, _collections.Remove(stored, ids), ids.Count, false);
    }

    /// <summary>The stored name of an existing collection (its own case); throws not found otherwise.</summary>
    public string RequireCollection(string name)
    {
        CheckName(name);
        return _collections.Find(name) ?? throw new CurationException(CurationFault.NotFound, $"no collection named '{name}' (dfd collection list shows them)");
    }

    private static List<string> NormaliseTags(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var names = new List<string>();
        foreach (var tag in tags)
        {
            names.Add(CurationNames.NormaliseTag(tag) ?? throw new CurationException(CurationFault.Invalid, $"'{tag}' is not {CurationNames.TagRule}"));
        }

        return names.Count == 0 ? throw new CurationException(CurationFault.Invalid, "no tag given") : names.Distinct().ToList();
    }

    private static void CheckName(string name)
    {
        if (!CurationNames.IsCollectionName(name))
        {
            throw new CurationException(CurationFault.Invalid, $"'{name}' is not {CurationNames.CollectionRule}");
        }
    }

    private void Writable()
    {
        if (_database.IsReadOnly)
        {
            throw new CurationException(CurationFault.ReadOnly, $"{_database.Path} is read-only here: tags, ratings and collections cannot be changed");
        }
    }
}
