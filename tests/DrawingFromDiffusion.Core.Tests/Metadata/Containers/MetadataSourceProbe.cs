using DrawingFromDiffusion.Core.Metadata.Containers;

namespace DrawingFromDiffusion.Core.Tests.Metadata.Containers;

/// <summary>Reads a sample's container texts, for tests that feed one chunk to a parser.</summary>
internal sealed class MetadataSourceProbe(string path)
{
    private readonly Core.Metadata.MetadataSource _source = ContainerReader.Read(File.ReadAllBytes(path), ContainerLimits.Default);

    public string? Get(string key) => _source.Get(key);
}
