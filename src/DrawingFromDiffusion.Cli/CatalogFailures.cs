using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli;

/// <summary>Turns infrastructure failures (catalog unwritable, disk full, newer schema) into one actionable line and exit 1.</summary>
internal static class CatalogFailures
{
    public static async Task<int> GuardAsync(string dbPath, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CatalogVersionException ex)
        {
            return Fail(ex.Message);
        }
        catch (NotACatalogException ex)
        {
            return Fail(ex.Message);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 13)
        {
            return Fail($"the disk holding {dbPath} is full; free some space and run again (committed work is kept)");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 8 or 14 or 23)
        {
            return Fail($"cannot write the catalog {dbPath} ({ex.Message.TrimEnd('.')}); check its folder's permissions or pass --db PATH");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            return Fail($"{dbPath} is not a dfd catalog or is damaged ({ex.Message.TrimEnd('.')}); pass --db to use another file");
        }
        catch (SqliteException ex)
        {
            return Fail($"catalog {dbPath} failed: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return Fail($"cannot write the catalog {dbPath}: {ex.Message}; check permissions or pass --db PATH");
        }
        catch (IOException ex) when (ex.HResult == 28 || ex.Message.Contains("No space", StringComparison.Ordinal))
        {
            return Fail($"the disk is full ({ex.Message}); free some space and run again (committed work is kept)");
        }
        catch (IOException ex)
        {
            // E.g. a path component is a file: the catalog's folder cannot be created.
            return Fail($"cannot create the catalog {dbPath} ({ex.Message.TrimEnd('.')}); pass --db PATH in a writable folder");
        }
    }

    /// <summary>Runs <paramref name="action"/> on a catalog that must already exist (read-only commands), guarded as above.</summary>
    public static Task<int> WithExistingCatalogAsync(string dbPath, Func<CatalogDatabase, Task<int>> action) =>
        GuardAsync(dbPath, () =>
        {
            var database = CatalogDatabase.OpenExisting(dbPath);
            if (database is null)
            {
                Console.Error.WriteLine($"dfd: no catalog at {dbPath}; run `dfd index FOLDER` first, or pass --db PATH");
                return Task.FromResult(ExitCodes.Failure);
            }

            if (database.IsReadOnly)
            {
                Console.Error.WriteLine($"dfd: {dbPath} is read-only here: reading it without changing it");
            }

            return action(database);
        });

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"dfd: {message}");
        return ExitCodes.Failure;
    }
}
