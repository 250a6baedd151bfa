using SofaBot.Retrieval;
using SofaBot.Retrieval.Lexical;

namespace SofaBot.Answering;

/// <summary>A message's concepts as the index knows them, worked out once per message (term ids, IDF weights,
/// names the corpus never uses), so that covering each of a dozen candidates is a few binary searches in the unit's
/// term arrays, not a dictionary lookup and a lock per term and candidate.</summary>
public sealed class MessageConcepts
{
    /// <summary>How many of the message's weightiest concepts are also checked on their own: a sibling or near miss
    /// shares the common words of a question and lacks its one or two distinctive ones.</summary>
    private const int KeyConcepts = 3;

    private readonly LexicalIndex _index;
    private readonly (float Weight, int[][] Alternatives)[] _concepts;
    private readonly int[] _terms;
    private readonly int[] _key;
    private readonly float _total;
    private readonly float _keyTotal;

    public MessageConcepts(Query query, LexicalIndex index)
    {
        _index = index;
        var maxIdf = index.Idf("\u0001"); // an unseen term has the largest IDF
        var local = new Dictionary<int, int>();
        _concepts = new (float, int[][])[query.Concepts.Count];
        for (var i = 0; i < _concepts.Length; i++)
        {
            var concept = query.Concepts[i];
            var alternatives = new int[concept.Alternatives.Count][];
            var idf = float.MaxValue;
            var known = false;
            for (var a = 0; a < alternatives.Length; a++)
            {
                var terms = concept.Alternatives[a];
                alternatives[a] = new int[terms.Length];
                for (var t = 0; t < terms.Length; t++)
                {
                    idf = Math.Min(idf, index.Idf(terms[t]));
                    var id = index.Find(terms[t]);
                    known |= a == 0 && id >= 0;

                    // a term the index lacks is -1: no unit has it; the others are numbered once per message
                    alternatives[a][t] = id < 0 ? -1 : local.TryGetValue(id, out var at) ? at : local[id] = local.Count;
                }
            }

            _concepts[i] = (idf == float.MaxValue ? 0 : concept.Weight * idf, alternatives); // a concept of no terms weighs nothing
            if (concept.IsName && !known && concept.Label.Length >= 3 && idf >= maxIdf - 1e-3f)
            {
                // a name the corpus never uses, as typed (PostgreSQL, not its part "sql"): no unit has it
                UnknownName ??= concept.Label;
            }
        }

        _terms = new int[local.Count];
        foreach (var (id, at) in local)
        {
            _terms[at] = id;
        }

        _total = _concepts.Sum(c => c.Weight);
        _key = [.. Enumerable.Range(0, _concepts.Length).OrderByDescending(i => _concepts[i].Weight).Take(KeyConcepts)];
        _keyTotal = _key.Sum(i => _concepts[i].Weight);
        TermIds = query.Terms.Select(t => index.Find(t.Term)).Where(id => id >= 0).ToHashSet();
    }

    /// <summary>A Latin name of the message that the corpus never uses (witness, PostgreSQL), or null.</summary>
    public string? UnknownName { get; }

    /// <summary>The ids of the message's terms the index knows (typed, projects, synonyms).</summary>
    public IReadOnlySet<int> TermIds { get; }

    /// <summary>How much of the message a unit covers: all concepts, in its question alone, and the key ones.</summary>
    /// <remarks>Runs for each of a dozen candidates: every term of every concept is looked up in the unit once (a
    /// synonym group's members share words), then the concepts are read off those findings. Plain loops.</remarks>
    public Coverage Of(int unit)
    {
        if (_total == 0)
        {
            return default;
        }

        var (question, answer) = _index.TermsOf(unit);
        Span<Found> found = _terms.Length <= 256 ? stackalloc Found[_terms.Length] : new Found[_terms.Length];
        for (var t = 0; t < _terms.Length; t++)
        {
            found[t] = Array.BinarySearch(question, _terms[t]) >= 0 ? Found.InQuestion
                : Array.BinarySearch(answer, _terms[t]) >= 0 ? Found.InAnswer
                : Found.Nowhere;
        }

        float inQuestion = 0, inEither = 0, key = 0;
        for (var i = 0; i < _concepts.Length; i++)
        {
            var (weight, alternatives) = _concepts[i];
            var where = Where(alternatives, found);
            inQuestion += where == Found.InQuestion ? weight : 0;
            var covered = where != Found.Nowhere;
            inEither += covered ? weight : 0;
            key += covered && Array.IndexOf(_key, i) >= 0 ? weight : 0;
        }

        return new Coverage(inEither / _total, inQuestion / _total, _keyTotal == 0 ? 0 : key / _keyTotal);
    }

    /// <summary>Where a unit has a concept: all terms of one alternative in its question, else in question and
    /// answer together.</summary>
    private static Found Where(int[][] alternatives, ReadOnlySpan<Found> found)
    {
        var best = Found.Nowhere;
        foreach (var alternative in alternatives)
        {
            var least = Found.InQuestion;
            foreach (var term in alternative)
            {
                var here = term < 0 ? Found.Nowhere : found[term];
                if (here < least)
                {
                    least = here;
                    if (least == Found.Nowhere)
                    {
                        break;
                    }
                }
            }

            if (least == Found.InQuestion)
            {
                return Found.InQuestion;
            }

            if (least > best)
            {
                best = least;
            }
        }

        return best;
    }

    private enum Found : byte
    {
        Nowhere,
        InAnswer,
        InQuestion,
    }
}

/// <summary>Shares of a message's concepts a unit has (0–1).</summary>
/// <param name="All">In its question or answer.</param>
/// <param name="InQuestion">In its question.</param>
/// <param name="Key">Of the message's weightiest concepts, in its question or answer.</param>
public readonly record struct Coverage(float All, float InQuestion, float Key);
