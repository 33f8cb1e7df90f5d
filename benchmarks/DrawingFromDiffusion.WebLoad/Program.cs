using System.Diagnostics;
using System.Globalization;
using System.Net;

// A bounded load test of a running `dfd serve` on loopback: N requests to /api/search, C at a time,
// reporting requests/s and latency percentiles. It refuses any address that is not loopback.
//   dotnet run -c Release --project benchmarks/DrawingFromDiffusion.WebLoad -- --url http://127.0.0.1:5880 [--requests 2000] [--concurrency 8]
var url = new Uri(Arg("--url") ?? "http://127.0.0.1:5880");
var requests = int.Parse(Arg("--requests") ?? "2000", CultureInfo.InvariantCulture);
var concurrency = int.Parse(Arg("--concurrency") ?? "8", CultureInfo.InvariantCulture);
if (!(url.IsLoopback || (IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip))))
{
    Console.Error.WriteLine("webload: only loopback addresses are load-tested");
    return 2;
}

if (requests is < 1 or > 100_000 || concurrency is < 1 or > 64)
{
    Console.Error.WriteLine("webload: --requests 1..100000, --concurrency 1..64");
    return 2;
}

string[] queries = ["", "q=castle", "q=fox+forest", "q=night&k=20", "q=painting&mode=hybrid", "q=city&k=100", "generator=ComfyUI", "q=dragon&seed_min=1000&seed_max=5000"];
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
using (var warm = await client.GetAsync("/api/search?k=10"))
{
    warm.EnsureSuccessStatusCode();
}

var latencies = new double[requests];
var failures = 0;
var next = -1;
using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < requests && !deadline.IsCancellationRequested)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync($"/api/search?{queries[i % queries.Length]}", deadline.Token);
            await response.Content.ReadAsByteArrayAsync(deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref failures);
        }

        latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}));
clock.Stop();

var done = Math.Min(requests, next);
var sorted = latencies[..done].Order().ToArray();
double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{done} requests, {concurrency} concurrent, {failures} failed in {clock.Elapsed.TotalSeconds:0.00} s: {done / clock.Elapsed.TotalSeconds:0} requests/s, p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms"));
return failures == 0 ? 0 : 1;

string? Arg(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
