namespace DrawingFromDiffusion.App.Models;

/// <param name="Problems">empty when every file matches its SHA-256 and every tower loads with the tensors model.json names.</param>
internal sealed record PackVerification(string PackId, int Files, IReadOnlyList<string> Problems);
