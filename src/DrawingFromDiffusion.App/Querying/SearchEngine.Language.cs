namespace DrawingFromDiffusion.App.Querying;

internal sealed partial class SearchEngine
{
    /// <summary>
    /// The NLLB language code put before text queries (null: the pack's default). Setting one checks it against the
    /// pack's codes: a pack without them (not NLLB), or a code it lacks, is a <see cref="QueryLanguageException"/>.
    /// </summary>
    public string? QueryLanguage
    {
        get;
        set
        {
            if (value is not null && Pack?.Manifest.Text is { } text)
            {
                var codes = text.Tokenizer.Languages ?? [];
                if (codes.Count == 0)
                {
                    throw new QueryLanguageException($"--language: pack '{Pack.Id}' ({text.Tokenizer.Family ?? text.Tokenizer.Kind}) takes no language code; only NLLB text towers do");
                }

                if (!codes.Contains(value, StringComparer.Ordinal))
                {
                    throw new QueryLanguageException($"--language: pack '{Pack.Id}' takes {string.Join(", ", codes)}; got '{value}'");
                }
            }

            field = value;
        }
    }
}
