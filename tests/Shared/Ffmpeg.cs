using System.Diagnostics;

namespace DrawingFromDiffusion.Tests.Shared;

/// <summary>Makes test files with the ffmpeg the test scripts install (videos from its test sources, stills from them).</summary>
internal static class Ffmpeg
{
    /// <summary>Runs <c>ffmpeg -v error -y ARGS PATH</c> and returns <paramref name="path"/>.</summary>
    /// <exception cref="InvalidOperationException">ffmpeg failed; its error output is in the message.</exception>
    public static string Make(string path, params string[] args)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-v", "error", "-y", .. args, path])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? path : throw new InvalidOperationException($"ffmpeg could not make {Path.GetFileName(path)}: {error}");
    }
}
