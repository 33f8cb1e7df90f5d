using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.App.Watching;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrawingFromDiffusion.Cli.Tests.Watching;

/// <summary>`dfd watch`'s service on a real folder and catalog: arrivals, half-written files, deletes and moves.</summary>
public sealed class WatchServiceTests : IAsyncDisposable
{
    private readonly TempFolder _temp = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(2));
    private readonly WatchEvents _events = new();
    private Task? _running;

    private string Library => _temp.Combine("library");

    private string Db => _temp.Combine("catalog.db");

    [Fact]
    public async Task Drop_PngWithParameters_SearchableByPromptAndListed()
    {
        Directory.CreateDirectory(Library);
        _temp.Write("library/old.png", TestImages.Png(40, 30, seed: 1));
        await StartAsync(pacer: null);

        var dropped = _temp.Write("library/new/lighthouse.png", InfotextPng.Create(64, 48, 7, InfotextPng.Infotext("a lighthouse at dusk, ink")));
        var batches = await _events.IndexedAsync([dropped], _guard.Token);

        Assert.Equal(1, batches.Sum(b => b.Scan?.Added ?? 0));
        Assert.True(batches[^1].CatalogVersion > 0);
        var catalog = new ReadOnlyCatalog(CatalogDatabase.OpenExisting(Db, readOnly: true)!);
        using var query = new QueryService(catalog, null);
        var byPrompt = await query.SearchAsync(new SearchRequest("lighthouse", SearchMode.Auto, 10, SearchFilters.None), CancellationToken.None);
        var listing = await query.SearchAsync(new SearchRequest("", SearchMode.Auto, 10, SearchFilters.None), CancellationToken.None);
        var id = Catalogs.Files(Db)[dropped];
        Assert.Equal([id], byPrompt.Results.Select(r => r.Id));
        Assert.Equal(2, listing.Results.Count);
        Assert.Contains(id, listing.Results.Select(r => r.Id));
    }

    [Fact]
    public async Task FileWrittenInTwoParts_IndexedOnceAfterTheSecondPart()
    {
        Directory.CreateDirectory(Library);
        var pacer = new SteppedPacer();
        await StartAsync(pacer);
        var png = InfotextPng.Create(64, 48, 3, InfotextPng.Infotext("a red kite"));
        var path = Path.Combine(Library, "kite.png");

        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await file.WriteAsync(png.AsMemory(0, png.Length / 2));
            await file.FlushAsync();
            await _events.NextAsync(e => e.Kind == WatchEventKind.Noticed && e.Paths.Contains(path), _guard.Token);
            await pacer.StepAsync(); // first look: the half is recorded, not indexed
            await file.WriteAsync(png.AsMemory(png.Length / 2));
            await file.FlushAsync();
        }

        await _events.NextAsync(e => e.Kind == WatchEventKind.Noticed && e.Paths.Contains(path), _guard.Token);
        await pacer.StepAsync(); // the file grew since the last look: still pending
        await pacer.StepAsync(); // two equal looks: indexed
        var batches = await _events.IndexedAsync([path], _guard.Token);

        Assert.Empty(_events.Seen.Where(e => e.Kind == WatchEventKind.Indexed && !e.Rescan).SkipLast(1));
        Assert.Equal((1, 0), (batches.Single().Scan!.Added, batches.Single().Scan!.Failed));
        Assert.Equal(png.Length, Catalogs.Scalar(Db, "SELECT size FROM files"));
        Assert.Equal(0, Catalogs.Scalar(Db, "SELECT count(*) FROM errors"));
        Assert.Equal("a red kite", Prompt());
    }

    [Fact]
    public async Task DeleteAndMove_CatalogFollows_MovedFileKeepsItsImage()
    {
        var staying = _temp.Write("library/a.png", TestImages.Png(40, 30, seed: 11));
        var doomed = _temp.Write("library/b.png", TestImages.Png(40, 30, seed: 12));
        await StartAsync(pacer: null);
        var before = Catalogs.Files(Db);
        var moved = Path.Combine(Library, "sorted", "a.png");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        await _events.IndexedAsync([Path.GetDirectoryName(moved)!], _guard.Token);

        File.Move(staying, moved);
        File.Delete(doomed);
        await _events.IndexedAsync([staying, moved, doomed], _guard.Token);

        var after = Catalogs.Files(Db);
        Assert.Equal([moved], after.Keys);
        Assert.Equal(before[staying], after[moved]);
        Assert.Equal(1, Catalogs.Scalar(Db, "SELECT count(*) FROM images"));
    }

    private string? Prompt()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT prompt FROM generation";
        return command.ExecuteScalar() as string;
    }

    private async Task StartAsync(IWatchPacer? pacer)
    {
        var scan = new ScanOptions { Roots = [Library], Workers = 2, MaxBatchDelay = TimeSpan.FromMilliseconds(20) };
        var request = new WatchRequest([Library], scan, Embedding: null) { SettleInterval = TimeSpan.FromMilliseconds(100) };
        var service = new WatchService(CatalogDatabase.Open(Db), request, NullLogger.Instance, pacer);
        _running = Task.Run(() => service.RunAsync(_events, null, _stop.Token));
        await _events.NextAsync(e => e.Kind == WatchEventKind.Watching, _guard.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _running);
        }

        _stop.Dispose();
        _guard.Dispose();
        _temp.Dispose();
    }
}
