using System.Text;
using System.Text.RegularExpressions;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Metadata.Containers;
using DrawingFromDiffusion.Core.Metadata.Parsers;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

/// <summary>
/// Every parser is linear in its input (issue 19, item 2): 10^5-element inputs, with the work counted or the
/// structure that guarantees it asserted — never a wall-clock limit.
/// </summary>
public sealed class LinearParsingTests
{
    private const int N = 100_000;

    [Fact]
    public void AddLoraTags_100kTagsFor100kHashedLoras_NameComparisonsLinear()
    {
        var metadata = new GenerationMetadata { Generator = "sd-webui" };
        for (var i = 0; i < N; i++)
        {
            metadata.Loras.Add(new LoraReference($"lora{i}", null, $"hash{i}"));
        }

        var prompt = string.Concat(Enumerable.Range(0, N).Select(i => $"<lora:lora{N - 1 - i}:0.5> "));
        var names = new CountingComparer();

        A1111Parser.AddLoraTags(metadata, prompt, names);

        Assert.Equal(N, metadata.Loras.Count);
        Assert.All(metadata.Loras, l => Assert.Equal(0.5, l.Weight));
        Assert.True(names.Calls <= 8L * N, $"{names.Calls:N0} name comparisons for {N:N0} tags");
    }

    [Fact]
    public void AddLoraTags_RepeatedNames_EachTagFillsTheFirstWeightlessEntryThenAdds()
    {
        var metadata = new GenerationMetadata { Generator = "sd-webui" };
        metadata.Loras.Add(new LoraReference("a", null, "h1"));
        metadata.Loras.Add(new LoraReference("b", null, "h2"));
        metadata.Loras.Add(new LoraReference("a", null, "h3"));

        A1111Parser.AddLoraTags(metadata, "<lora:a:0.1> <lora:a:0.2> <lora:a:0.3> <lora:b>");

        Assert.Equal([("a", 0.1, "h1"), ("b", 1.0, "h2"), ("a", 0.2, "h3"), ("a", 0.3, null)], metadata.Loras.Select(l => (l.Name, l.Weight!.Value, l.Hash)));
    }

    [Fact]
    public void AddLoraTags_100kUnclosedTags_NoneFoundAndNoWarning()
    {
        var metadata = new GenerationMetadata { Generator = "sd-webui" };
        var prompt = string.Concat(Enumerable.Repeat("<lora:a:1", N));

        A1111Parser.AddLoraTags(metadata, prompt);

        Assert.Empty(metadata.Loras);
        Assert.Empty(metadata.Warnings);
    }

    [Fact]
    public void Patterns_OverUntrustedText_AreNonBacktracking()
    {
        // A backtracking engine takes time quadratic in the text on unclosed tags; these cannot.
        Assert.True(XmpText.ListItem().Options.HasFlag(RegexOptions.NonBacktracking));
    }

    [Fact]
    public void XmpProperty_100kUnclosedListItems_ReadsTheElementWithoutThrowing()
    {
        var xmp = "<dc:description>" + string.Concat(Enumerable.Repeat("<rdf:li>x", N)) + "</dc:description>";
        var unclosedAttributes = string.Concat(Enumerable.Repeat("<x dc:title=\"y ", N));

        var value = XmpText.Property(xmp, "dc:description");

        Assert.NotNull(value);
        Assert.StartsWith("<rdf:li>x", value, StringComparison.Ordinal);
        Assert.Null(XmpText.Property(unclosedAttributes, "dc:creator"));
    }

    [Fact]
    public void InfotextLine_100kItems_AllSplitInOrder()
    {
        var line = string.Join(", ", Enumerable.Range(0, N).Select(i => $"Key{i}: \"v,{i}\""));

        var items = InfotextLine.Split(line);

        Assert.Equal(N, items.Count);
        Assert.Equal(("Key99999", "v,99999"), (items[^1].Key, items[^1].Value));
    }

    [Fact]
    public void MetadataSource_100kTexts_FirstOfEachKeyFound()
    {
        var texts = Enumerable.Range(0, N).Select(i => new MetadataText($"k{i % (N / 2)}", $"v{i}", "tEXt")).ToList();

        var source = new MetadataSource(ImageFormat.Png, texts);

        Assert.Equal("v7", source.Get("k7"));
        Assert.Equal($"v{(N / 2) - 1}", source.Get($"k{(N / 2) - 1}"));
        Assert.Null(source.Get("parameters"));
    }

    [Fact]
    public void ComfyGraph_10kSamplersInAChain_FinalSamplerFoundWithinTheStepBudget()
    {
        // ComfyGraph.MaxNodes caps a graph at 10^4 nodes; finding the last sampler of a chain was quadratic in the samplers.
        var count = ComfyGraph.MaxNodes - 2;
        var json = new StringBuilder("{");
        for (var i = 0; i < count; i++)
        {
            var latent = i == 0 ? "" : $",\"latent_image\":[\"{i - 1}\",0]";
            json.Append(CultureInvariant($"\"{i}\":{{\"class_type\":\"KSampler\",\"inputs\":{{\"seed\":{i},\"steps\":20,\"positive\":[\"{count}\",0]{latent}}}}},"));
        }

        json.Append(CultureInvariant($"\"{count}\":{{\"class_type\":\"CLIPTextEncode\",\"inputs\":{{\"text\":\"fox\"}}}}}}"));

        var result = ComfyUiParser.ParseGraphs(json.ToString(), null, "comfyui");
        var metadata = result.Metadata!;
        Assert.True(metadata.Extra.ContainsKey("comfy_sampler_count"), string.Join("; ", metadata.Warnings));

        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata.Extra["comfy_sampler_count"]);
        Assert.NotNull(metadata.Seed);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed class CountingComparer : IEqualityComparer<string>
    {
        public long Calls { get; private set; }

        public bool Equals(string? x, string? y)
        {
            Calls++;
            return string.Equals(x, y, StringComparison.Ordinal);
        }

        public int GetHashCode(string obj)
        {
            Calls++;
            return StringComparer.Ordinal.GetHashCode(obj);
        }
    }
}
