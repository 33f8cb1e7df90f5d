namespace DrawingFromDiffusion.Core.Text;

/// <param name="Ids">SOT, content, EOT, then padding up to the context length.</param>
/// <param name="Length">ids up to and including the first EOT (the attention mask's ones).</param>
/// <param name="Truncated">the content did not fit and was cut (the last id is still EOT).</param>
public sealed record TokenizedText(int[] Ids, int Length, bool Truncated);
