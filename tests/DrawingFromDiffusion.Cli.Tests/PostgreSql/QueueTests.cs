using System.Diagnostics;
using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;

namespace DrawingFromDiffusion.Cli.Tests.PostgreSql;

/// <summary>`dfd index --enqueue`, `dfd worker` and `dfd jobs` on a real PostgreSQL server: racing workers, a kill -9, failures with reasons.</summary>
[Collection(PgCollection.Name)]
public sealed class QueueTests(PgServerFixture fixture) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, string> Environment => new() { ["DFD_MODELS"] = _temp.Combine("models") };

    private string Library => _temp.Combine("library");

    private void CopyOriginals(int count)
    {
        Directory.CreateDirectory(Library);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Originals"), "*.png").Order().Take(count))
        {
            File.Copy(file, Path.Combine(Library, Path.GetFileName(file)));
        }
    }

    private string[] Worker(string url, string name, params string[] extra) =>
        ["worker", "--db", url, "--name", name, "--model", "resnet18-imagenet", "--device", "cpu", "--threads", "1", .. extra];

    private async Task EnqueueAsync(string url, int expected)
    {
        var enqueue = await DfdProcess.RunWithAsync(Environment, "index", "--enqueue", Library, "--db", url);
        Assert.True(enqueue.ExitCode == 0, enqueue.ToString());
        Assert.Equal(expected, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM jobs WHERE state = 'queued'"));
    }

    [Fact]
    public async Task Workers_TwoRacingOnOneQueue_EveryJobDoneExactlyOnce()
    {
        CopyOriginals(16);
        var url = await fixture.Server.CreateDatabaseAsync();
        await EnqueueAsync(url, 16);
        var runs = await Task.WhenAll(
            DfdProcess.RunWithAsync(Environment, Worker(url, "w1", "--jobs-per-claim", "2", "--exit-when-empty")),
            DfdProcess.RunWithAsync(Environment, Worker(url, "w2", "--jobs-per-claim", "2", "--exit-when-empty")));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(16, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM jobs WHERE state = 'done'"));
        Assert.Equal(16, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM job_commits"));
        Assert.Equal(16, await fixture.Server.ScalarAsync(url, "SELECT count(DISTINCT job_id) FROM job_commits"));
        Assert.Equal(16, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM files"));
        Assert.Equal(16, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM embeddings"));
    }

    [Fact]
    public async Task Worker_KilledMidBatch_LeaseExpiresAndAnotherWorkerFinishesIt()
    {
        CopyOriginals(6);
        var url = await fixture.Server.CreateDatabaseAsync();
        await EnqueueAsync(url, 6);
        var stalling = new Dictionary<string, string>(Environment) { ["DFD_WORKER_FAULT"] = "stall-after-claim" };
        using (var doomed = DfdProcess.StartWith(stalling, Worker(url, "doomed", "--jobs-per-claim", "3", "--lease", "2")))
        {
            // The event: the doomed worker holds its batch (the fault makes it hold on until killed).
            while (await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM jobs WHERE worker = 'doomed' AND state = 'running'") < 3)
            {
                if (doomed.HasExited)
                {
                    Assert.Fail("the worker exited before claiming: " + await doomed.StandardError.ReadToEndAsync());
                }

                await Task.Delay(50);
            }

            doomed.Kill(); // SIGKILL: no cleanup, no release of the claim
            await doomed.WaitForExitAsync();
        }

        var jobs = await DfdProcess.RunWithAsync(Environment, "jobs", "--db", url, "--json");
        var counts = JsonDocument.Parse(jobs.Stdout).RootElement.GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("running").GetInt64());
        Assert.Equal(0, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM job_commits"));

        var rescuer = await DfdProcess.RunWithAsync(Environment, Worker(url, "rescuer", "--jobs-per-claim", "3", "--lease", "2", "--exit-when-empty"));
        Assert.True(rescuer.ExitCode == 0, rescuer.ToString());
        Assert.Equal(6, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM jobs WHERE state = 'done'"));
        Assert.Equal(6, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM job_commits WHERE worker = 'rescuer'"));
        Assert.Equal(3, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM jobs WHERE attempts = 2"));
        Assert.Equal(6, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM embeddings"));
    }

    [Fact]
    public async Task Jobs_BrokenFile_ShownFailedWithItsReason()
    {
        CopyOriginals(2);
        File.WriteAllText(Path.Combine(Library, "broken.png"), "not a png at all");
        var url = await fixture.Server.CreateDatabaseAsync();
        await EnqueueAsync(url, 3);
        var run = await DfdProcess.RunWithAsync(Environment, Worker(url, "w", "--exit-when-empty"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var jobs = await DfdProcess.RunWithAsync(Environment, "jobs", "--db", url);
        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        Assert.Contains("done 2", jobs.Stdout, StringComparison.Ordinal);
        Assert.Contains("failed 1", jobs.Stdout, StringComparison.Ordinal);
        Assert.Contains("broken.png", jobs.Stdout, StringComparison.Ordinal);
        Assert.Contains("not an image", jobs.Stdout, StringComparison.Ordinal);
    }
}
