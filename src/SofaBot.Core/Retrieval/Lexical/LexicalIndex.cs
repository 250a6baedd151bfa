namespace SofaBot.Retrieval.Lexical;

/// <summary>A BM25F inverted index over two fields, the question and the answer, that takes new units while it
/// serves queries (learned answers join without a restart).</summary>
/// <remarks>Term frequencies of both fields are mixed before saturation (BM25F), the answer at a lower weight:
/// the answer helps ranking, the question says what a unit is about.</remarks>
public sealed class LexicalIndex
{
    private const float K1 = 1.2f;
    private const float BQuestion = 0.5f;
    private const float BAnswer = 0.75f;

    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<List<Posting>> _postings = [];
    private readonly List<int> _questionLengths = [];
    private readonly List<int> _answerLengths = [];
    // searches are tens of microseconds: one plain lock keeps adds and searches consistent without reader/writer bookkeeping
    private readonly Lock _lock = new();
    private long _questionLengthSum;
    private long _answerLengthSum;

    public LexicalIndex(float answerWeight = 0.3f, float? k1 = null)
    {
        AnswerWeight = answerWeight;
    }

    public float AnswerWeight { get; }

    public int Count => _questionLengths.Count;

    /// <summary>Adds a unit; its id is the number of units added before it.</summary>
    public int Add(IReadOnlyList<string> questionTerms, IReadOnlyList<string> answerTerms)
    {
        _lock.Enter();
        try
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

            _questionLengths.Add(questionTerms.Count);
            _answerLengths.Add(answerTerms.Count);
            _questionLengthSum += questionTerms.Count;
            _answerLengthSum += answerTerms.Count;
            return id;
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>Inverse document frequency of a term (the BM25 form, never negative); unknown terms get the
    /// highest value, as if they occurred in half a unit.</summary>
    public float Idf(string term)
    {
        _lock.Enter();
        try
        {
            var df = _termIds.TryGetValue(term, out var id) ? _postings[id].Count : 0;
            return Idf(df, Count);
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>Scores every unit that shares a term with the query; returns (unit, score) best first.</summary>
    /// <param name="query">Distinct query terms with their weights (1 for typed terms, less for expansions).</param>
    public List<(int Unit, float Score)> Search(IReadOnlyList<(string Term, float Weight)> query, int top) => Top(ScoreAll(query), top);

    /// <summary>The best <paramref name="top"/> of a set of unit scores, best first (ties: lower unit first).</summary>
    public static List<(int Unit, float Score)> Top(Dictionary<int, float> scores, int top)
    {
        var best = new PriorityQueue<int, (float Score, int NegatedUnit)>(Math.Min(top, scores.Count) + 1);
        foreach (var (unit, score) in scores)
        {
            var key = (score, -unit);
            if (best.Count < top)
            {
                best.Enqueue(unit, key);
            }
            else if (best.TryPeek(out _, out var worst) && key.CompareTo(worst) > 0)
            {
                best.DequeueEnqueue(unit, key);
            }
        }

        var results = new List<(int, float)>(best.Count);
        while (best.TryDequeue(out var unit, out var key))
        {
            results.Add((unit, key.Score));
        }

        results.Reverse();
        return results;
    }

    /// <summary>The BM25F score of every unit that shares a term with the query.</summary>
    public Dictionary<int, float> ScoreAll(IReadOnlyList<(string Term, float Weight)> query)
    {
        _lock.Enter();
        try
        {
            var n = Count;
            var scores = new Dictionary<int, float>();
            if (n == 0)
            {
                return scores;
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
                foreach (var p in postings)
                {
                    var tf = (p.Question / (1 - BQuestion + (BQuestion * _questionLengths[p.Unit] / avgQuestion)))
                        + (AnswerWeight * p.Answer / (1 - BAnswer + (BAnswer * _answerLengths[p.Unit] / avgAnswer)));
                    scores[p.Unit] = scores.GetValueOrDefault(p.Unit) + (idf * tf * (K1 + 1) / (tf + K1));
                }
            }

            return scores;
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>Each query term's share of a unit's score, for explaining a ranking.</summary>
    public List<(string Term, float Score)> Explain(IReadOnlyList<(string Term, float Weight)> query, int unit)
    {
        var single = new List<(string, float)>();
        foreach (var q in query)
        {
            var score = ScoreAll([q]).GetValueOrDefault(unit);
            if (score > 0)
            {
                single.Add((q.Term, score));
            }
        }

        return single.OrderByDescending(s => s.Item2).ToList();
    }

    /// <summary>The best score a unit could get for this query: every term present, saturated.</summary>
    public float MaxScore(IReadOnlyList<(string Term, float Weight)> query)
    {
        _lock.Enter();
        try
        {
            return query.Sum(q => Idf(_termIds.TryGetValue(q.Term, out var id) ? _postings[id].Count : 0, Count) * q.Weight * (K1 + 1));
        }
        finally
        {
            _lock.Exit();
        }
    }

    private static float Idf(int df, int n) => MathF.Log(1 + ((n - df + 0.5f) / (df + 0.5f)));

    private int TermId(string term)
    {
        if (!_termIds.TryGetValue(term, out var id))
        {
            id = _postings.Count;
            _termIds.Add(term, id);
            _postings.Add([]);
        }

        return id;
    }

    private readonly record struct Posting(int Unit, ushort Question, ushort Answer);
}
