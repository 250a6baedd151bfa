namespace SofaBot.Retrieval.Text;

/// <summary>Finds which of many phrases occur in a text in one pass: phrases are grouped by their first
/// character, so each position of the text is checked only against the phrases that can start there.</summary>
/// <remarks>Latin phrases must stand as whole words (no ASCII letter or digit right before or after them);
/// Chinese phrases may touch anything, since Chinese has no spaces.</remarks>
public sealed class PhraseIndex<T>
    where T : notnull
{
    private readonly Dictionary<char, List<(string Phrase, T Value)>> _byFirst = [];

    /// <param name="phrases">Phrases (lower-case, NFKC-folded, like <see cref="Tokenizer.Fold"/>) and what they stand for.</param>
    public PhraseIndex(IEnumerable<(string Phrase, T Value)> phrases)
    {
        foreach (var (phrase, value) in phrases)
        {
            if (phrase.Length == 0)
            {
                continue;
            }

            if (!_byFirst.TryGetValue(phrase[0], out var list))
            {
                _byFirst[phrase[0]] = list = [];
            }

            list.Add((phrase, value));
        }
    }

    /// <summary>Every (value, position of first occurrence) whose phrase occurs in the folded text.</summary>
    public Dictionary<T, int> Find(string folded) => Find(folded, new Dictionary<T, int>());

    public Dictionary<T, int> Find(string folded, Dictionary<T, int> found)
    {
        for (var i = 0; i < folded.Length; i++)
        {
            if (!_byFirst.TryGetValue(folded[i], out var candidates))
            {
                continue;
            }

            foreach (var (phrase, value) in candidates)
            {
                if (i + phrase.Length <= folded.Length
                    && string.CompareOrdinal(folded, i, phrase, 0, phrase.Length) == 0
                    && IsBoundary(folded, i - 1, phrase[0]) && IsBoundary(folded, i + phrase.Length, phrase[^1]))
                {
                    found.TryAdd(value, i);
                }
            }
        }

        return found;
    }

    // a Latin edge needs a non-word neighbour; a Chinese edge does not
    private static bool IsBoundary(string text, int index, char edge) =>
        !char.IsAsciiLetterOrDigit(edge) || index < 0 || index >= text.Length || !(char.IsAsciiLetterOrDigit(text[index]) || text[index] == '_');
}
