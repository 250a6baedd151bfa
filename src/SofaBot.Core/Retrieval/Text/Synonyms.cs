namespace SofaBot.Retrieval.Text;

/// <summary>Groups of words that mean the same in this community's questions, across English and Chinese
/// (<c>rollback|回滚</c>, <c>切换|转移</c>); from <c>Retrieval:Synonyms</c> in configuration.</summary>
/// <remarks>A query that contains one member of a group also searches for the others, at a lower weight, so an
/// English question finds a Chinese answer and "规避" finds "避免".</remarks>
public sealed class Synonyms
{
    private readonly List<IReadOnlyList<string[]>> _groups = [];
    private readonly PhraseIndex<int> _chinese;
    private readonly Dictionary<string, List<(string[] Terms, int Group)>> _latinByFirstTerm = new(StringComparer.Ordinal);

    public Synonyms(IEnumerable<string> groups)
    {
        var chinese = new List<(string, int)>();
        foreach (var group in groups)
        {
            var members = group.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(m => (Folded: Tokenizer.Fold(m), Terms: Tokenizer.Tokenize(m).ToArray()))
                .Where(m => m.Terms.Length > 0)
                .ToList();
            if (members.Count < 2)
            {
                continue;
            }

            var id = _groups.Count;
            foreach (var (folded, terms) in members)
            {
                if (folded.Any(Tokenizer.IsHan))
                {
                    chinese.Add((folded, id));
                }
                else
                {
                    if (!_latinByFirstTerm.TryGetValue(terms[0], out var list))
                    {
                        _latinByFirstTerm[terms[0]] = list = [];
                    }

                    list.Add((terms, id));
                }
            }

            _groups.Add(members.Select(m => m.Terms).ToList());
        }

        _chinese = new PhraseIndex<int>(chinese);
    }

    /// <summary>Every Latin term of every group: words a message may use that the corpus does not, and still knows.</summary>
    public IEnumerable<string> LatinTerms => _latinByFirstTerm.Values.SelectMany(l => l).SelectMany(m => m.Terms).Distinct(StringComparer.Ordinal);

    /// <summary>The groups a query touches, each with all its members' terms. Chinese members are found as
    /// substrings of the folded query ("抢不到" holds 抢), Latin ones as whole terms.</summary>
    public List<IReadOnlyList<string[]>> Touched(string foldedQuery, IReadOnlyList<string> queryTerms)
    {
        var touched = new SortedSet<int>(_chinese.Find(foldedQuery).Keys);
        for (var i = 0; i < queryTerms.Count; i++)
        {
            if (!_latinByFirstTerm.TryGetValue(queryTerms[i], out var members))
            {
                continue;
            }

            foreach (var (terms, group) in members)
            {
                if (StartsAt(queryTerms, i, terms))
                {
                    touched.Add(group);
                }
            }
        }

        return touched.Select(g => _groups[g]).ToList();
    }

    private static bool StartsAt(IReadOnlyList<string> haystack, int at, string[] needle)
    {
        if (at + needle.Length > haystack.Count)
        {
            return false;
        }

        for (var j = 0; j < needle.Length; j++)
        {
            if (haystack[at + j] != needle[j])
            {
                return false;
            }
        }

        return true;
    }
}
