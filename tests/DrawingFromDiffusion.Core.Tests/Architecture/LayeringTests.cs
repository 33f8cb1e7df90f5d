namespace DrawingFromDiffusion.Core.Tests.Architecture;

/// <summary>The layering of docs/architecture.md, read from the .csproj files.</summary>
public sealed class LayeringTests
{
    private const string Core = "DrawingFromDiffusion.Core";
    private const string Storage = "DrawingFromDiffusion.Storage";
    private const string StoragePostgreSql = "DrawingFromDiffusion.Storage.PostgreSql";
    private const string Onnx = "DrawingFromDiffusion.Onnx";
    private const string App = "DrawingFromDiffusion.App";
    private const string Web = "DrawingFromDiffusion.Web";
    private const string Cli = "DrawingFromDiffusion.Cli";

    /// <summary>Packages that do I/O (databases, native runtimes, pixels, HTTP, the console's command line).</summary>
    private static readonly string[] IoPackages = ["Sqlite", "Npgsql", "Pgvector", "OnnxRuntime", "SkiaSharp", "USearch", "AspNetCore", "System.CommandLine", "FFMpeg", "Parquet"];

    [Fact]
    public void Core_ReferencesNoIoPackageAndNoOtherProject()
    {
        Assert.DoesNotContain(RepositoryLayout.PackageReferences(Core), IsIo);
        Assert.Empty(RepositoryLayout.ProjectReferences(Core));
    }

    [Fact]
    public void OnnxAndStorage_ReferenceCoreOnly()
    {
        Assert.Equal([Core], RepositoryLayout.ProjectReferences(Onnx));
        Assert.Equal([Core], RepositoryLayout.ProjectReferences(Storage));
    }

    /// <summary>The PostgreSQL backend implements Core's ports beside the SQLite one: it never reaches SQLite's Storage or ONNX.</summary>
    [Fact]
    public void StoragePostgreSql_ReferencesCoreOnly_AndOnlyPostgreSqlPackages()
    {
        Assert.Equal([Core], RepositoryLayout.ProjectReferences(StoragePostgreSql));
        Assert.Equal(["Npgsql", "Pgvector"], RepositoryLayout.PackageReferences(StoragePostgreSql).Order());
    }

    [Fact]
    public void App_ReferencesCoreAndItsPorts_NoHttpNoCommandLine()
    {
        var projects = RepositoryLayout.ProjectReferences(App);
        Assert.Contains(Core, projects);
        Assert.Empty(projects.Except([Core, Storage, StoragePostgreSql, Onnx]));
        Assert.DoesNotContain(RepositoryLayout.PackageReferences(App), p => p.Contains("AspNetCore", StringComparison.Ordinal) || p.Contains("CommandLine", StringComparison.Ordinal));
    }

    [Fact]
    public void Web_ReferencesAppOnly_NoCommandLine()
    {
        Assert.Equal([App], RepositoryLayout.ProjectReferences(Web));
        Assert.DoesNotContain(RepositoryLayout.PackageReferences(Web), p => p.Contains("CommandLine", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_ReferencesAppAndWeb()
    {
        Assert.Equal([App, Web], RepositoryLayout.ProjectReferences(Cli).Order());
    }

    /// <summary>The web reaches the catalog, the models and the pixels through App's services only: no file of it names Storage, Onnx or SQLite.</summary>
    [Fact]
    public void WebSources_NameNeitherStorageNorOnnxNorSqlite()
    {
        var offenders = RepositoryLayout.SourceLines(Web)
            .Where(line => ContainsAny(line.Text, $"{Storage}", $"{Onnx}", "Microsoft.Data.Sqlite"))
            .Select(line => $"{line.File}: {line.Text.Trim()}");
        Assert.Empty(offenders);
    }

    /// <summary>
    /// The CLI parses, calls an App service and renders. What it may still name below App: Onnx's device options (the
    /// parsed --device), the model-pack and runtime types of `dfd doctor` and `dfd models` (what they show is the packs
    /// and the runtime themselves), and SQLite's exception in the two places that turn catalog failures into exit codes.
    /// </summary>
    [Fact]
    public void CliSources_UseOnnxAndSqliteOnlyWhereAllowed()
    {
        string[] onnxAllowed = ["DoctorCommand.cs", "ModelsCommand.cs", "TagCommand.cs"];
        string[] sqliteAllowed = ["CatalogFailures.cs", "CommandBoundary.cs"];
        var offenders = RepositoryLayout.SourceLines(Cli)
            .Where(line => (line.Text.Contains(Onnx, StringComparison.Ordinal)
                    && !line.Text.Contains($"{Onnx}.Execution", StringComparison.Ordinal)
                    && !onnxAllowed.Contains(Path.GetFileName(line.File)))
                || (line.Text.Contains("Microsoft.Data.Sqlite", StringComparison.Ordinal) && !sqliteAllowed.Contains(Path.GetFileName(line.File))))
            .Select(line => $"{line.File}: {line.Text.Trim()}");
        Assert.Empty(offenders);
    }

    [Fact]
    public void EverySourceProject_IsCoveredByTheseRules()
    {
        var projects = Directory.GetDirectories(RepositoryLayout.Src).Select(Path.GetFileName).Order();
        Assert.Equal([App, Cli, Core, Onnx, Storage, StoragePostgreSql, Web], projects);
    }

    private static bool ContainsAny(string text, params string[] names) => names.Any(n => text.Contains(n, StringComparison.Ordinal));

    private static bool IsIo(string package) => IoPackages.Any(io => package.Contains(io, StringComparison.OrdinalIgnoreCase));
}
