using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Core.Tests.Search;

public sealed class VideoTimeTests
{
    [Theory]
    [InlineData(0, "0:00.0")]
    [InlineData(2040, "0:02.0")]
    [InlineData(3250, "0:03.2")]
    [InlineData(725_900, "12:05.9")]
    [InlineData(3_725_000, "1:02:05.0")]
    [InlineData(-5, "0:00.0")]
    public void Format_Milliseconds_ReadsAsMinutesSecondsTenths(long milliseconds, string expected) =>
        Assert.Equal(expected, VideoTime.Format(milliseconds));
}
