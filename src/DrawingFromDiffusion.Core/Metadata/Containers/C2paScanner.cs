using System.Text;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>
/// Reads the few C2PA facts we keep (AI-generated flag, claim generator, software agent, vendor) by locating
/// CBOR keys in the JUMBF store. Not a validator: the signature is not checked, and nothing here is a prompt.
/// </summary>
internal static class C2paScanner
{
    private const string TrainedMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    private const string CompositeMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";

    public static C2paInfo? Scan(ReadOnlySpan<byte> store)
    {
        if (store.IndexOf("c2pa"u8) < 0)
        {
            return null;
        }

        var sourceType = CborTextAfter(store, "digitalSourceType"u8);
        var claimGenerator = CborTextAfter(store, "claim_generator"u8);
        if (claimGenerator is null && store.IndexOf("claim_generator_info"u8) is var info and >= 0)
        {
            claimGenerator = CborTextAfter(store[info..], "name"u8);
        }

        string? agent = null;
        if (store.IndexOf("softwareAgent"u8) is var at and >= 0)
        {
            var tail = store[(at + "softwareAgent".Length)..];
            agent = ReadCborText(tail);
            if (agent is null && tail.Length > 0 && (tail[0] & 0xE0) == 0xA0)
            {
                var name = CborTextAfter(tail[..Math.Min(tail.Length, 256)], "name"u8);
                var version = CborTextAfter(tail[..Math.Min(tail.Length, 256)], "version"u8);
                agent = version is null ? name : $"{name} {version}";
            }
        }

        var aiGenerated = store.IndexOf(Encoding.ASCII.GetBytes(TrainedMedia)) >= 0 || store.IndexOf(Encoding.ASCII.GetBytes(CompositeMedia)) >= 0;
        return new C2paInfo
        {
            Vendor = Vendor(store),
            AiGenerated = aiGenerated,
            DigitalSourceType = sourceType,
            ClaimGenerator = claimGenerator,
            SoftwareAgent = agent,
        };
    }

    private static string? Vendor(ReadOnlySpan<byte> store)
    {
        if (store.IndexOf("OpenAI"u8) >= 0)
        {
            return "openai";
        }

        if (store.IndexOf("Google"u8) >= 0)
        {
            return "google";
        }

        if (store.IndexOf("Adobe"u8) >= 0)
        {
            return "adobe";
        }

        return store.IndexOf("Microsoft"u8) >= 0 ? "microsoft" : null;
    }

    /// <summary>The CBOR text string right after the first occurrence of the text key <paramref name="key"/>.</summary>
    private static string? CborTextAfter(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key)
    {
        var from = 0;
        while (from < data.Length)
        {
            var at = data[from..].IndexOf(key);
            if (at < 0)
            {
                return null;
            }

            var end = from + at + key.Length;
            var header = from + at - 1;
            // Only a whole CBOR key counts: the byte before it must be a text header of exactly its length.
            if (header >= 0 && data[header] == 0x60 + key.Length && ReadCborText(data[end..]) is { } value)
            {
                return value;
            }

            from = end;
        }

        return null;
    }

    private static string? ReadCborText(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || (data[0] & 0xE0) != 0x60)
        {
            return null;
        }

        var info = data[0] & 0x1F;
        int length, start;
        switch (info)
        {
            case < 24:
                (length, start) = (info, 1);
                break;
            case 24 when data.Length > 1:
                (length, start) = (data[1], 2);
                break;
            case 25 when data.Length > 2:
                (length, start) = ((data[1] << 8) | data[2], 3);
                break;
            default:
                return null;
        }

        return start + length <= data.Length ? TextDecoding.Utf8(data.Slice(start, length)) : null;
    }
}
