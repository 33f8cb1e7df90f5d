using System.Xml.Linq;

namespace DrawingFromDiffusion.Core.Tests.Architecture;

/// <summary>The repository as the architecture tests read it: its src/ folder and each project's references.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Src => Path.Combine(Root, "src");

    /// <summary>The project names (DrawingFromDiffusion.X) that <paramref name="project"/> references directly.</summary>
    public static IReadOnlyList<string> ProjectReferences(string project) =>
        [.. Items(project, "ProjectReference").Select(path => Path.GetFileNameWithoutExtension(path.Replace('\\', '/')))];

    /// <summary>The packages and shared frameworks that <paramref name="project"/> references directly.</summary>
    public static IReadOnlyList<string> PackageReferences(string project) =>
        [.. Items(project, "PackageReference").Concat(Items(project, "FrameworkReference"))];

    /// <summary>Every line of every .cs file of <paramref name="project"/> (build output left out), with the file's path under src/.</summary>
    public static IEnumerable<(string File, string Text)> SourceLines(string project)
    {
        var folder = Path.Combine(Src, project);
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(folder, path)))
            .SelectMany(path => File.ReadLines(path).Select(text => (Path.GetRelativePath(Src, path), text)));
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relativePath.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> Items(string project, string element)
    {
        var path = Path.Combine(Src, project, project + ".csproj");
        return XDocument.Load(path).Descendants(element)
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>();
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DrawingFromDiffusion.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no DrawingFromDiffusion.sln above {AppContext.BaseDirectory}");
    }
}
