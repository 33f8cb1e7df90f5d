using System.Diagnostics;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>scripts/run, with the tests' dfd: when a text query finds nothing, it ends with what does work.</summary>
public sealed class RunScriptTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_TextQueryFindsNothing_EndsWithTheCommandsThatWork()
    {
        _temp.Write("library/a.png", TestImages.Png(64, 48, seed: 1));
        _temp.Write("library/b.jpg", TestImages.Jpeg(64, 48, seed: 2));
        var wrapper = _temp.Write("dfd", System.Text.Encoding.UTF8.GetBytes($"#!/bin/sh\nexec dotnet '{DfdProcess.DllPath}' \"$@\"\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "run"));
        start.ArgumentList.Add(_temp.Combine("library"));
        start.ArgumentList.Add("watercolor fox");
        start.Environment["DFD_EXE"] = wrapper;
        start.Environment["DFD_DB"] = _temp.Combine("catalog.db");
        start.Environment["DFD_MODELS"] = _temp.Combine("no-packs");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;

        Assert.True(process.ExitCode == 0, output + await stderr);
        var tail = output[output.IndexOf("no matching images", StringComparison.Ordinal)..];
        Assert.Contains("dfd similar \"" + _temp.Combine("library"), tail, StringComparison.Ordinal);
        Assert.Contains("dfd dupes", tail, StringComparison.Ordinal);
        Assert.Contains("dfd clusters", tail, StringComparison.Ordinal);
        Assert.Contains("dfd serve", tail, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "run")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("scripts/run not found above " + AppContext.BaseDirectory);
    }
}
