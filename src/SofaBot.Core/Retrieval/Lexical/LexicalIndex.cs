namespace SofaBot.Retrieval.Lexical;

/// <summary>A BM25F inverted index over two fields, the question and the answer, that takes new units while it
/// serves queries (learned answers join without a restart).</summary>
/// <remarks>Term frequencies of both fields are mixed before saturation (BM25F), the answer at a lower weight:
/// the answer helps ranking, the question says what a unit is about. Each unit also keeps the sorted ids of its
/// terms, so judging a match (which of the message's concepts a unit contains) needs no re-tokenizing.</remarks>
public sealed partial class LexicalIndex(float answerWeight = 0.3f)
{
    private const float K1 = 1.2f;
    private const float BQuestion = 0.5f;
    private const float BAnswer = 0.75f;

    /// <summary>Query terms whose weight × IDF is below this are skipped: particles and very common words move
    /// no ranking, but their long posting lists are most of a query's cost.</summary>
    private const float MinTermImpact = 0.5f;

    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _termNames = [];
    private readonly List<List<Posting>> _postings = [];
    private readonly List<int> _questionLengths = [];
    private readonly List<int> _answerLengths = [];
    private readonly List<int[]> _questionTerms = [];
    private readonly List<int[]> _answerTerms = [];

    // searches are tens of microseconds: one plain lock keeps adds and searches consistent without reader/writer bookkeeping
    private readonly Lock _lock = new();
    private long _questionLengthSum;
    private long _answerLengthSum;

    public float AnswerWeight { get; } = answerWeight;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _questionLengths.Count;
            }
        }
    }

    /// <summary>Adds a unit; its id is the number of units added before it.</summary>
    public int Add(IReadOnlyList<string> questionTerms, IReadOnlyList<string> answerTerms)
    {
        lock (_lock)
        {
            var id = _questionLengths.Count;
            var counts = new Dictionary<int, (ushort Question, ushort Answer)>();
            foreach (var term in questionTerms)
            {
                var t = TermId(term);
                var c = counts.GetValueOrDefault(t);
                counts[t] = ((ushort)Math.Min(c.Question + 1, ushort.MaxValue), c.Answer);
            }

            foreach (var term in answerTerms)
            {
                var t = TermId(term);
                var c = counts.GetValueOrDefault(t);
                counts[t] = (c.Question, (ushort)Math.Min(c.Answer + 1, ushort.MaxValue));
            }

            foreach (var (term, c) in counts)
            {
                _postings[term].Add(new Posting(id, c.Question, c.Answer));
            }

            _questionTerms.Add(counts.Where(c => c.Value.Question > 0).Select(c => c.Key).Order().ToArray());
            _answerTerms.Add(counts.Where(c => c.Value.Answer > 0).Select(c => c.Key).Order().ToArray());
            _questionLengths.Add(questionTerms.Count);
            _answerLengths.Add(answerTerms.Count);
            _questionLengthSum += questionTerms.Count;
            _answerLengthSum += answerTerms.Count;
            return id;
        }
    }

    /// <summary>Frees the spare capacity lists keep for growth; call after adding many units at once.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            foreach (var list in _postings)
            {
                list.TrimExcess();
            }

            _postings.TrimExcess();
            _questionTerms.TrimExcess();
            _answerTerms.TrimExcess();
        }
    }

    /// <summary>The id of a known term, or -1.</summary>
    public int Find(string term)
    {
        lock (_lock)
        {
            return _termIds.TryGetValue(term, out var id) ? id : -1;
        }
    }

    /// <summary>The sorted ids of the terms of a unit's question and of its answer. The arrays never change once a
    /// unit is added, so a caller can search them without the lock.</summary>
    public (int[] Question, int[] Answer) TermsOf(int unit)
    {
        lock (_lock)
        {
            return (_questionTerms[unit], _answerTerms[unit]);
        }
    }

    /// <summary>The share of a unit's question, its terms weighted by IDF and by <paramref name="weight"/>, that is in
    /// <paramref name="terms"/> (term ids).</summary>
    public float QuestionShareIn(int unit, IReadOnlySet<int> terms, Func<string, float> weight)
    {
        lock (_lock)
        {
            var n = _questionLengths.Count;
            float total = 0, shared = 0;
            foreach (var id in _questionTerms[unit])
            {
                var w = weight(_termNames[id]) * Idf(_postings[id].Count, n);
                total += w;
                shared += terms.Contains(id) ? w : 0;
            }

            return total == 0 ? 0 : shared / total;
        }
    }

    /// <summary>Whether the unit's question (or, with <paramref name="orAnswer"/>, its answer) contains the term.</summary>
    public bool Contains(int unit, int term, bool orAnswer)
    {
        if (term < 0)
        {
            return false;
        }

        lock (_lock)
        {
            return Array.BinarySearch(_questionTerms[unit], term) >= 0 || (orAnswer && Array.BinarySearch(_answerTerms[unit], term) >= 0);
        }
    }

    /// <summary>Share of the smaller answer's distinct terms that two units' answers have in common (0–1).</summary>
    public float AnswerOverlap(int a, int b)
    {
        lock (_lock)
        {
            var (x, y) = (_answerTerms[a], _answerTerms[b]);
            if (x.Length == 0 || y.Length == 0)
            {
                return 0;
            }

            int i = 0, j = 0, common = 0;
            while (i < x.Length && j < y.Length)
            {
                if (x[i] == y[j])
                {
                    common++;
                    i++;
                    j++;
                }
                else if (x[i] < y[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return (float)common / Math.Min(x.Length, y.Length);
        }
    }

    /// <summary>How many distinct terms the index knows; grows as units are added.</summary>
    public int TermCount
    {
        get
        {
            lock (_lock)
            {
                return _termIds.Count;
            }
        }
    }

    /// <summary>Every term the index knows, with the number of units that use it.</summary>
    public List<(string Term, int Units)> Vocabulary()
    {
        lock (_lock)
        {
            return [.. _termIds.Select(t => (t.Key, _postings[t.Value].Count))];
        }
    }

    /// <summary>Inverse document frequency of a term (the BM25 form, never negative); unknown terms get the
    /// highest value.</summary>
    public float Idf(string term)
    {
        lock (_lock)
        {
            var df = _termIds.TryGetValue(term, out var id) ? _postings[id].Count : 0;
            return Idf(df, _questionLengths.Count);
        }
    }

    /// <summary>The BM25F score of every unit that shares a term with the query.</summary>
    public LexicalScores ScoreAll(IReadOnlyList<(string Term, float Weight)> query)
    {
        lock (_lock)
        {
            var n = _questionLengths.Count;
            var buffer = LexicalScores.Rent(n);
            var touched = new List<int>();
            if (n == 0)
            {
                return new LexicalScores(buffer, n, touched);
            }

            var avgQuestion = Math.Max(1f, (float)_questionLengthSum / n);
            var avgAnswer = Math.Max(1f, (float)_answerLengthSum / n);
            foreach (var (term, weight) in query)
            {
                if (!_termIds.TryGetValue(term, out var id))
                {
                    continue;
                }

                var postings = _postings[id];
                var idf = Idf(postings.Count, n) * weight;
                if (idf < MinTermImpact)
                {
                    continue;
                }

                foreach (var p in postings)
                {
                    var tf = (p.Question / (1 - BQuestion + (BQuestion * _questionLengths[p.Unit] / avgQuestion)))
                        + (AnswerWeight * p.Answer / (1 - BAnswer + (BAnswer * _answerLengths[p.Unit] / avgAnswer)));
                    if (buffer[p.Unit] == 0)
                    {
                        touched.Add(p.Unit);
                    }

                    buffer[p.Unit] += idf * tf * (K1 + 1) / (tf + K1);
                }
            }

            return new LexicalScores(buffer, n, touched);
        }
    }

    private static float Idf(int df, int n) => MathF.Log(1 + ((n - df + 0.5f) / (df + 0.5f)));

    private int TermId(string term)
    {
        if (!_termIds.TryGetValue(term, out var id))
        {
            id = _postings.Count;
            _termIds.Add(term, id);
            _termNames.Add(term);
            _postings.Add([]);
        }

        return id;
    }

    private readonly record struct Posting(int Unit, ushort Question, ushort Answer);
}
