using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Requests;

namespace DrawingFromDiffusion.Core.Tests.Imaging;

/// <summary>Upload decodes are bounded and requests are same-origin (issue 19, item 4).</summary>
public sealed class DecodeQueueTests
{
    [Fact]
    public async Task EnterAsync_BeyondRunningPlusWaiting_TurnedAwayAndIdleAfterTheBurst()
    {
        var idle = 0;
        using var queue = new DecodeQueue(concurrent: 2, waiting: 1, () => idle++);

        var first = await queue.EnterAsync(CancellationToken.None);
        var second = await queue.EnterAsync(CancellationToken.None);
        var third = queue.EnterAsync(CancellationToken.None);
        var fourth = await queue.EnterAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(third.IsCompleted);
        Assert.Null(fourth);
        first!.Dispose();
        using (await third)
        {
            second!.Dispose();
            Assert.Equal(0, idle);
        }

        Assert.Equal(1, idle);
        Assert.Equal(0, queue.Inside);
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_LeavesTheQueue()
    {
        using var queue = new DecodeQueue(concurrent: 1, waiting: 1);
        using var first = await queue.EnterAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();

        var waiting = queue.EnterAsync(stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, queue.Inside);
    }

    [Theory]
    [InlineData("cross-site", null, false)]
    [InlineData("same-site", null, false)]
    [InlineData(null, "http://evil.example", false)]
    [InlineData("same-origin", "http://127.0.0.1:5880", true)]
    [InlineData("none", null, true)]
    [InlineData(null, null, true)]
    public void SameOriginRule_BrowserHeaders_DecideTheRequest(string? site, string? origin, bool allowed)
    {
        Assert.Equal(allowed, SameOriginRule.Refusal(site, origin, "http", "127.0.0.1:5880") is null);
    }
}
