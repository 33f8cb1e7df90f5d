using System.Net;
using DrawingFromDiffusion.Cli.Commands;

namespace DrawingFromDiffusion.Cli.Tests.Web;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("0.0.0.0", false)]
    public void ParseHost_Address_KnowsLoopback(string host, bool loopback)
    {
        var address = ServeCommand.ParseHost(host);

        Assert.NotNull(address);
        Assert.Equal(loopback, IPAddress.IsLoopback(address));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("")]
    [InlineData("127.0.0.1; rm -rf /")]
    public void ParseHost_NotAnAddress_IsNull(string host)
    {
        Assert.Null(ServeCommand.ParseHost(host));
    }
}
