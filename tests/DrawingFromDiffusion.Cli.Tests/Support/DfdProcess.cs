using System.Diagnostics;
using System.Globalization;

namespace DrawingFromDiffusion.Cli.Tests.Support;

/// <summary>Runs the real `dfd` (dfd.dll beside the test assembly) as a child process.</summary>
internal static class DfdProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "dfd.dll");

    public static Process Start(params string[] args) => StartWith(null, args);

    /// <summary>
    /// Starts dfd as the unprivileged user nobody (through setpriv): the tests run as root, who may write any file, so a
    /// catalog that is read-only for its user is only read-only for another one.
    /// </summary>
    public static Process StartAsNobody(params string[] args) => StartWith(new Dictionary<string, string> { ["HOME"] = "/nonexistent" }, args, asNobody: true);

    public static async Task<DfdResult> RunAsNobodyAsync(params string[] args)
    {
        using var process = StartAsNobody(args);
        return await CollectAsync(process);
    }

    /// <summary>Starts dfd with extra environment variables (DFD_MODELS, …).</summary>
    public static Process StartWith(IReadOnlyDictionary<string, string>? environment, params string[] args) => StartWith(environment, args, asNobody: false);

    private static Process StartWith(IReadOnlyDictionary<string, string>? environment, string[] args, bool asNobody)
    {
        var start = new ProcessStartInfo(asNobody ? "setpriv" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asNobody)
        {
            foreach (var arg in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet"])
            {
                start.ArgumentList.Add(arg);
            }
        }

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

    public static Task<DfdResult> RunAsync(params string[] args) => RunWithAsync(null, args);

    /// <summary>Runs dfd with <paramref name="input"/> written to its standard input (then closed).</summary>
    public static async Task<DfdResult> RunWithInputAsync(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
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
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        return await CollectAsync(process);
    }

    public static async Task<DfdResult> RunWithAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = StartWith(environment, args);
        return await CollectAsync(process);
    }

    private static async Task<DfdResult> CollectAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        // Samples the peak memory until the process exits (the exit is the event; a hang is the runner's hang timeout).
        var exited = process.WaitForExitAsync();
        while (!exited.IsCompleted)
        {
            peak = Math.Max(peak, PeakResidentBytes(process.Id));
            await Task.WhenAny(exited, Task.Delay(20));
        }

        await exited;
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
