using System.Text.Json;
using Google.Protobuf;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> holding a SentencePiece BPE model (Gemma's, as SigLIP 2 ships) rewritten as
/// the SentencePiece <c>ModelProto</c> Microsoft.ML.Tokenizers loads: 3.0 reads tokenizer.json for Unigram only, and
/// its BpeTokenizer has no byte fallback. Each merged piece scores minus the rank of its first merge, so the library's
/// highest-score-first merging applies the merges in the file's order (transformers derives that order from the
/// SentencePiece scores); added special tokens become control pieces, added plain tokens user-defined ones.
/// </summary>
internal static class BpeTokenizerJson
{
    private const int Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Byte = 6;
    private const int BpeModelType = 2;

    public static bool IsBpe(JsonElement root) =>
        root.TryGetProperty("model", out var m) && m.TryGetProperty("type", out var t) && t.GetString() == "BPE";

    /// <summary>The ModelProto bytes, and the control and unknown pieces by name.</summary>
    public static (byte[] Model, Dictionary<string, int> Controls) ToModelProto(JsonElement root)
    {
        var model = root.GetProperty("model");
        var byteFallback = model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True;
        var unkToken = model.TryGetProperty("unk_token", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var names = new SortedDictionary<int, string>();
        foreach (var entry in model.GetProperty("vocab").EnumerateObject())
        {
            names[entry.Value.GetInt32()] = entry.Name;
        }

        var types = new Dictionary<int, int>();
        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                var id = token.GetProperty("id").GetInt32();
                names[id] = token.GetProperty("content").GetString()!;
                types[id] = token.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True ? Control : UserDefined;
            }
        }

        if (names.Count == 0 || names.Keys.Last() != names.Count - 1)
        {
            throw new InvalidDataException("tokenizer.json: the vocabulary ids are not 0..n-1 without gaps");
        }

        var scores = MergeScores(model.GetProperty("merges"));
        var pieces = new MemoryStream();
        var output = new CodedOutputStream(pieces, leaveOpen: true);
        var controls = new Dictionary<string, int>(StringComparer.Ordinal);
        var hasTabByte = names.ContainsValue("<0x09>");
        foreach (var (id, name) in names)
        {
            var piece = byteFallback && name == "\t" && !hasTabByte ? "<0x09>" : name; // transformers renames Gemma's tab byte
            var type = piece == unkToken ? Unknown
                : types.TryGetValue(id, out var t) ? t
                : byteFallback && IsBytePiece(piece) ? Byte
                : Normal;
            if (type is Unknown or Control)
            {
                controls[piece] = id;
            }

            var score = type == Normal && scores.TryGetValue(piece, out var rank) ? -rank : 0f;
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Message(o =>
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteString(piece);
                o.WriteTag(2, WireFormat.WireType.Fixed32);
                o.WriteFloat(score);
                o.WriteTag(3, WireFormat.WireType.Varint);
                o.WriteEnum(type);
            }));
        }

        var ids = names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var unkId = unkToken is not null && ids.TryGetValue(unkToken, out var unk) ? unk : 0;
        var bosId = FirstId(ids, "<bos>", "<s>");
        var eosId = FirstId(ids, "<eos>", "</s>");
        var (dummyPrefix, escape, removeExtraSpaces, charsMap) = Normalization(root);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(Message(o =>
        {
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteEnum(BpeModelType);
            o.WriteTag(35, WireFormat.WireType.Varint);
            o.WriteBool(byteFallback);
            o.WriteTag(40, WireFormat.WireType.Varint);
            o.WriteInt32(unkId);
            o.WriteTag(41, WireFormat.WireType.Varint);
            o.WriteInt32(bosId);
            o.WriteTag(42, WireFormat.WireType.Varint);
            o.WriteInt32(eosId);
            if (bosId >= 0)
            {
                o.WriteTag(46, WireFormat.WireType.LengthDelimited);
                o.WriteString(names[bosId]);
            }

            if (eosId >= 0)
            {
                o.WriteTag(47, WireFormat.WireType.LengthDelimited);
                o.WriteString(names[eosId]);
            }
        }));
        output.WriteTag(3, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("identity");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(charsMap));
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteBool(dummyPrefix);
            o.WriteTag(4, WireFormat.WireType.Varint);
            o.WriteBool(removeExtraSpaces);
            o.WriteTag(5, WireFormat.WireType.Varint);
            o.WriteBool(escape);
        }));
        output.Flush();
        return (pieces.ToArray(), controls);
    }

    /// <summary>The rank of the first merge that makes each piece; merges are "a b" strings or [a, b] pairs.</summary>
    private static Dictionary<string, int> MergeScores(JsonElement merges)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        var rank = 0;
        foreach (var merge in merges.EnumerateArray())
        {
            string left, right;
            if (merge.ValueKind == JsonValueKind.Array)
            {
                left = merge[0].GetString()!;
                right = merge[1].GetString()!;
            }
            else
            {
                var text = merge.GetString()!;
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                (left, right) = space > 0 ? (text[..space], text[(space + 1)..]) : throw new InvalidDataException($"tokenizer.json: merge '{text}' is not 'left right'");
            }

            ranks.TryAdd(left + right, rank++);
        }

        return ranks;
    }

    /// <summary>SentencePiece's normalizer settings from the normalizer and pre-tokenizer transformers writes.</summary>
    private static (bool DummyPrefix, bool Escape, bool RemoveExtraSpaces, byte[] CharsMap) Normalization(JsonElement root)
    {
        bool dummyPrefix = false, escape = false, removeExtra = false;
        var charsMap = Array.Empty<byte>();
        void Visit(JsonElement step, string where)
        {
            if (step.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                return;
            }

            var type = step.GetProperty("type").GetString();
            var pattern = step.TryGetProperty("pattern", out var p) ? p.TryGetProperty("String", out var s) ? s.GetString() : p.TryGetProperty("Regex", out var r) ? "regex:" + r.GetString() : null : null;
            var content = step.TryGetProperty("content", out var c) ? c.GetString() : null;
            switch (type)
            {
                case "Sequence":
                    foreach (var inner in step.GetProperty(where == "normalizer" ? "normalizers" : "pretokenizers").EnumerateArray())
                    {
                        Visit(inner, where);
                    }

                    break;
                case "Replace" when pattern == " " && content == "\u2581":
                    escape = true;
                    break;
                case "Replace" when pattern == "regex: {2,}":
                case "Strip":
                    removeExtra = true;
                    break;
                case "Prepend" when step.GetProperty("prepend").GetString() == "\u2581":
                    dummyPrefix = true;
                    break;
                case "Precompiled":
                    charsMap = Convert.FromBase64String(step.GetProperty("precompiled_charsmap").GetString() ?? "");
                    break;
                case "Split" when pattern == " ":
                    break; // spaces are already U+2581 when the pre-tokenizer runs
                case "Metaspace":
                    escape = true;
                    dummyPrefix |= !step.TryGetProperty("prepend_scheme", out var scheme) || scheme.GetString() != "never";
                    break;
                default:
                    throw new InvalidDataException($"tokenizer.json: the {where} step '{type}' is not one SentencePiece BPE has");
            }
        }

        Visit(root.TryGetProperty("normalizer", out var n) ? n : default, "normalizer");
        Visit(root.TryGetProperty("pre_tokenizer", out var pre) ? pre : default, "pre_tokenizer");
        return (dummyPrefix, escape, removeExtra, charsMap);
    }

    private static bool IsBytePiece(string piece) =>
        piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>' && Uri.IsHexDigit(piece[3]) && Uri.IsHexDigit(piece[4]);

    private static int FirstId(Dictionary<string, int> ids, params string[] names) =>
        names.Select(n => ids.TryGetValue(n, out var id) ? id : -1).FirstOrDefault(id => id >= 0, -1);

    private static ByteString Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer, leaveOpen: true);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(buffer.ToArray());
    }
}
