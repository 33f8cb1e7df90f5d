namespace DrawingFromDiffusion.Core.Text;

/// <summary>Text to the fixed-length ids a text tower takes, with the rules of the pack's family.</summary>
public interface ITextTokenizer
{
    /// <summary>The text the tokenizer model sees after the family's cleaning.</summary>
    string Clean(string text);

    TokenizedText Tokenize(string text, int contextLength, int padId);
}
