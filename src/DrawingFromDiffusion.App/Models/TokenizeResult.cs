using DrawingFromDiffusion.Core.Text;

namespace DrawingFromDiffusion.App.Models;

internal sealed record TokenizeResult(string Text, TokenizedText Tokens, int ContextLength, int PadId);
