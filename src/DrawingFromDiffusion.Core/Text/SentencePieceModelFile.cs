using Google.Protobuf;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// The fields of a SentencePiece <c>ModelProto</c> (sentencepiece_model.proto) needed to build a unigram tokenizer
/// from its pieces: Microsoft.ML.Tokenizers 3.0 cannot load a .model whose bos_id is -1 (T5 and SigLIP have none).
/// </summary>
internal sealed class SentencePieceModelFile
{
    public const int Unigram = 1;

    /// <summary>sentencepiece_model.proto: UNKNOWN = 2, CONTROL = 3 (never matched in text).</summary>
    private const int Unknown = 2;
    private const int Control = 3;

    public List<(string Piece, float Score)> Pieces { get; } = [];

    /// <summary>The control and unknown pieces (&lt;s&gt;, &lt;/s&gt;, &lt;pad&gt;, &lt;unk&gt;, …) by name.</summary>
    public Dictionary<string, int> ControlPieces { get; } = new(StringComparer.Ordinal);

    public int EosId { get; private set; } = 2;

    public int ModelType { get; private set; } = Unigram;

    public int UnknownId { get; private set; }

    public int BosId { get; private set; } = 1;

    public bool ByteFallback { get; private set; }

    public bool TreatWhitespaceAsSuffix { get; private set; }

    public byte[] PrecompiledCharsMap { get; private set; } = [];

    public bool AddDummyPrefix { get; private set; } = true;

    public bool EscapeWhiteSpaces { get; private set; } = true;

    public static SentencePieceModelFile Parse(byte[] bytes)
    {
        var model = new SentencePieceModelFile();
        var input = new CodedInputStream(bytes);
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    var (piece, score, type) = ReadPiece(input.ReadBytes());
                    if (type is Unknown or Control)
                    {
                        model.ControlPieces[piece] = model.Pieces.Count;
                    }

                    model.Pieces.Add((piece, score));
                    break;
                case 2:
                    model.ReadTrainerSpec(input.ReadBytes());
                    break;
                case 3:
                    model.ReadNormalizerSpec(input.ReadBytes());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return model;
    }

    private static (string Piece, float Score, int Type) ReadPiece(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var piece = string.Empty;
        var score = 0f;
        var type = 1;
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    piece = input.ReadString();
                    break;
                case 2:
                    score = input.ReadFloat();
                    break;
                case 3:
                    type = input.ReadEnum();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (piece, score, type);
    }

    private void ReadTrainerSpec(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 3: ModelType = input.ReadEnum(); break;
                case 24: TreatWhitespaceAsSuffix = input.ReadBool(); break;
                case 35: ByteFallback = input.ReadBool(); break;
                case 40: UnknownId = input.ReadInt32(); break;
                case 41: BosId = input.ReadInt32(); break;
                case 42: EosId = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }
    }

    private void ReadNormalizerSpec(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: PrecompiledCharsMap = input.ReadBytes().ToByteArray(); break;
                case 3: AddDummyPrefix = input.ReadBool(); break;
                case 5: EscapeWhiteSpaces = input.ReadBool(); break;
                default: input.SkipLastField(); break;
            }
        }
    }
}
