using DrawingFromDiffusion.Core.Metadata.Containers;

namespace DrawingFromDiffusion.Core.Tests.Metadata.Containers;

/// <summary>Reads a sample's container texts, for tests that feed one chunk to a parser.</summary>
internal sealed class MetadataSourceProbe(byte[] data)
{
    private readonly Core.Metadata.MetadataSource _source = ContainerReader.Read(data, ContainerLimits.Default);

    public MetadataSourceProbe(string path)
        : this(File.ReadAllBytes(path))
    {
    }

    public string? Get(string key) => _source.Get(key);
}
