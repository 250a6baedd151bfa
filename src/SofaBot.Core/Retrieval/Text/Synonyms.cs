namespace SofaBot.Retrieval.Text;

/// <summary>Groups of words that mean the same in this community's questions, across English and Chinese
/// (<c>rollback|回滚</c>, <c>切换|转移</c>); from <c>Retrieval:Synonyms</c> in configuration.</summary>
/// <remarks>A query that contains one member of a group also searches for the others, at a lower weight, so an
/// English question finds a Chinese answer and "规避" finds "避免".</remarks>
public sealed class Synonyms
{
    private readonly List<(string Folded, string[] Terms, int Group)> _members = [];
    private readonly List<List<string[]>> _groups = [];

    public Synonyms(IEnumerable<string> groups)
    {
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

            foreach (var (folded, terms) in members)
            {
                _members.Add((folded, terms, _groups.Count));
            }

            _groups.Add(members.Select(m => m.Terms).ToList());
        }
    }

    public static Synonyms None { get; } = new([]);

    /// <summary>The groups a query touches, each with all its members' terms. Chinese members are found as
    /// substrings of the folded query ("抢不到" holds 抢), Latin ones as whole terms.</summary>
    public List<IReadOnlyList<string[]>> Touched(string foldedQuery, IReadOnlyList<string> queryTerms)
    {
        var touched = new SortedSet<int>();
        foreach (var (folded, terms, group) in _members)
        {
            var found = folded.Any(Tokenizer.IsHan) ? foldedQuery.Contains(folded, StringComparison.Ordinal) : Contains(queryTerms, terms);
            if (found)
            {
                touched.Add(group);
            }
        }

        return touched.Select(g => (IReadOnlyList<string[]>)_groups[g]).ToList();
    }

    /// <summary>The terms of every member of the touched groups that the query does not already contain.</summary>
    public IEnumerable<string> Expand(string foldedQuery, IReadOnlyList<string> queryTerms)
    {
        var present = new HashSet<string>(queryTerms, StringComparer.Ordinal);
        return Touched(foldedQuery, queryTerms).SelectMany(group => group).SelectMany(member => member).Where(present.Add).ToList();
    }

    private static bool Contains(IReadOnlyList<string> haystack, string[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return true;
            }
        }

        return false;
    }
}
