namespace SofaBot.Retrieval.Text;

/// <summary>How much a Chinese character bigram looks like a word, learned from the corpus itself.</summary>
/// <remarks>
/// Overlapping bigrams of "seata 对 jdk 版本有要求吗" include words (版本, 要求) and strays that straddle two words
/// (本有, 求吗). A stray that happens to be rare in the corpus gets a high IDF and drags the ranking towards
/// whatever unit shares it. Pointwise mutual information of the two characters in the corpus separates the kinds
/// well (版本 5.4, 要求 3.4; 本有 −0.6, 求吗 2.0), so query bigrams are weighted by it: no dictionary, no model file.
/// </remarks>
public sealed partial class HanCohesion
{
    private const float StrayPmi = 1.5f;
    private const float WordPmi = 3.5f;
    private const float MinimumWeight = 0.15f;

    /// <summary>Weight of a bigram the corpus never contains: it cannot match anything, and may be a stray.</summary>
    public const float UnseenWeight = 0.4f;

    private readonly Dictionary<char, int> _chars = [];
    private readonly Dictionary<string, int> _bigrams = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _charTotal;
    private long _bigramTotal;

    /// <summary>Counts the Han characters and bigrams of a text.</summary>
    public void Add(string text)
    {
        lock (_gate)
        {
            var previous = '\0';
            foreach (var c in text)
            {
                if (!Tokenizer.IsHan(c))
                {
                    previous = '\0';
                    continue;
                }

                _chars[c] = _chars.GetValueOrDefault(c) + 1;
                _charTotal++;
                if (previous != '\0')
                {
                    var bigram = string.Create(2, (previous, c), (span, pair) => (span[0], span[1]) = pair);
                    _bigrams[bigram] = _bigrams.GetValueOrDefault(bigram) + 1;
                    _bigramTotal++;
                }

                previous = c;
            }
        }
    }

    /// <summary>Weight of a lone Han character: between two Latin words it is nearly always a particle (吗, 的, 和).</summary>
    public const float SingleCharacterWeight = 0.3f;

    /// <summary>A query weight in [0.15, 1] for a two-character Han term, <see cref="SingleCharacterWeight"/> for a
    /// lone character; 1 for anything else.</summary>
    public float Weight(string term)
    {
        if (term.Length == 1 && Tokenizer.IsHan(term[0]))
        {
            return SingleCharacterWeight;
        }

        if (term.Length != 2 || !Tokenizer.IsHan(term[0]) || !Tokenizer.IsHan(term[1]))
        {
            return 1f;
        }

        lock (_gate)
        {
            if (!_bigrams.TryGetValue(term, out var together) || _bigramTotal == 0)
            {
                return UnseenWeight;
            }

            var pmi = MathF.Log((float)together / _bigramTotal / ((float)_chars[term[0]] / _charTotal * _chars[term[1]] / _charTotal));
            return Math.Clamp((pmi - StrayPmi) / (WordPmi - StrayPmi), MinimumWeight, 1f);
        }
    }
}
