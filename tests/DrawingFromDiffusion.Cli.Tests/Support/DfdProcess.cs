using System.Diagnostics;
using System.Globalization;

namespace DrawingFromDiffusion.Cli.Tests.Support;

/// <summary>Runs the real `dfd` (dfd.dll beside the test assembly) as a child process.</summary>
internal static class DfdProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "dfd.dll");

    public static Process Start(params string[] args) => Start(null, args);

    /// <summary>Starts dfd with extra environment variables (e.g. DFD_MODELS pointing at a temp model store).</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DFD_DB");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
    }

    public static Task<DfdResult> RunAsync(params string[] args) => RunAsync(null, args);

    public static async Task<DfdResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakResidentBytes(process.Id));
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dfd {string.Join(' ', args)} ran for more than 2 minutes");
            }
        }

        await process.WaitForExitAsync();
        return new DfdResult(process.ExitCode, await stdout, await stderr, peak);
    }

    /// <summary>VmHWM: the process's peak resident set so far, 0 once it is gone.</summary>
    public static long PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}

internal sealed record DfdResult(int ExitCode, string Stdout, string Stderr, long PeakResidentBytes)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
