namespace SofaBot.Retrieval.Text;

/// <summary>Corrects near misses of the words the corpus uses: a Latin word of a message the corpus never uses, one
/// edit away (a letter added, missing, changed, or two letters swapped) from a word it does use or from a project's
/// name or alias ("jarft" → jraft, "seta" → seata, "sofaprc" → sofarpc, "reigstry" → registry, "rabbimq" → rabbitmq).
/// Typos of project names were the commonest reason a right answer was held back, and they sent the asker to the
/// wrong project's issues.</summary>
/// <remarks>Lookups go through the words' one-letter deletions (the symmetric-delete scheme): a word and a typo one
/// edit apart always share a deletion, so finding the candidates takes a few dictionary lookups, and the edit
/// distance is checked on those few. The likelier slips come first (a letter missing or added, a swap, a neighbouring
/// key; a far key only when nothing else fits); then a project name wins over any other word; among words, the
/// commonest wins, and a tie is not corrected. Words shorter than <see cref="MinLength"/> letters are never corrected: one edit turns them
/// into too many other words.</remarks>
public sealed class SpellingCorrector
{
    public const int MinLength = 4;

    /// <summary>A correction to a word that is not a project name needs a longer word: "jsno" is a typo of json,
    /// but four letters one edit from a common word are as often another word.</summary>
    private const int MinLengthOfCommonWord = 5;

    private readonly Dictionary<string, List<string>> _byDeletion = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names;
    private readonly Func<string, int> _frequency;
    private readonly HashSet<string> _alsoKnown;

    /// <param name="words">The corpus's words (lower case); only Latin words of <see cref="MinLength"/> or more
    /// letters are correction targets.</param>
    /// <param name="names">Project names and aliases (lower case, no spaces).</param>
    /// <param name="frequency">How many units use a word.</param>
    /// <param name="alsoKnown">Words that are not typos though the corpus does not use them, and are never targets.</param>
    public SpellingCorrector(IEnumerable<string> words, IEnumerable<string> names, Func<string, int> frequency, IEnumerable<string>? alsoKnown = null)
    {
        _frequency = frequency;
        _names = names.Where(IsWord).ToHashSet(StringComparer.Ordinal);
        _alsoKnown = alsoKnown?.ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var word in words.Where(IsWord).Concat(_names))
        {
            if (!_known.Add(word))
            {
                continue;
            }

            Index(word, word);
            for (var i = 0; i < word.Length; i++)
            {
                Index(word.Remove(i, 1), word);
            }
        }
    }

    /// <summary>Whether the corpus (or a project name) uses the word as it is.</summary>
    public bool Knows(string word) => _known.Contains(word) || _alsoKnown.Contains(word);

    /// <summary>The word the lower-case <paramref name="word"/> is a near miss of, or null: it is known, too short,
    /// or has no single best correction.</summary>
    public string? Correct(string word)
    {
        if (word.Length < MinLength || !IsWord(word) || Knows(word))
        {
            return null;
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        Collect(word, candidates);
        for (var i = 0; i < word.Length; i++)
        {
            Collect(word.Remove(i, 1), candidates);
        }

        // a short word one letter off another ("acks", "acts") is more often another word than a typo; a letter
        // missing, added or swapped is still a typo ("seta", "mson", "blot")
        var close = candidates.Where(c => OneEditApart(word, c) && (word.Length >= MinLengthOfCommonWord || word.Length != c.Length || IsSwap(word, c))).ToList();

        // the likelier slips first: a letter missing or added, two swapped, a neighbouring key hit. Hitting a key far
        // from the one meant is rarer, so such a reading counts only when there is no other ("leaner" is learner
        // with a letter missing, not leader with n for d)
        if (close.Exists(c => !IsFarKeySubstitution(word, c)))
        {
            close.RemoveAll(c => IsFarKeySubstitution(word, c));
        }

        var name = close.Where(_names.Contains).OrderByDescending(_frequency).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault();
        if (name is not null)
        {
            return name;
        }

        if (word.Length < MinLengthOfCommonWord)
        {
            return null;
        }

        var ranked = close.Select(c => (Word: c, Frequency: _frequency(c))).Where(c => c.Frequency > 0).OrderByDescending(c => c.Frequency).ToList();
        return ranked.Count == 0 || (ranked.Count > 1 && ranked[1].Frequency == ranked[0].Frequency) ? null : ranked[0].Word;
    }

    private void Index(string key, string word)
    {
        if (!_byDeletion.TryGetValue(key, out var words))
        {
            _byDeletion[key] = words = [];
        }

        if (!words.Contains(word))
        {
            words.Add(word);
        }
    }

    private void Collect(string key, HashSet<string> into)
    {
        if (_byDeletion.TryGetValue(key, out var words))
        {
            into.UnionWith(words);
        }
    }

    private static bool IsWord(string word) => word.Length >= MinLength && char.IsAsciiLetter(word[0]) && word.All(char.IsAsciiLetterOrDigit);

    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

    /// <summary>Two words of one length that differ in one letter, typed with keys that are not neighbours on a
    /// QWERTY keyboard.</summary>
    private static bool IsFarKeySubstitution(string typed, string word)
    {
        if (typed.Length != word.Length || IsSwap(typed, word))
        {
            return false;
        }

        var at = Enumerable.Range(0, typed.Length).First(i => typed[i] != word[i]);
        return !AreNeighbourKeys(typed[at], word[at]);
    }

    private static bool AreNeighbourKeys(char a, char b)
    {
        var (rowA, columnA) = KeyOf(a);
        var (rowB, columnB) = KeyOf(b);
        if (rowA < 0 || rowB < 0)
        {
            return false;
        }

        // rows are staggered: a key touches the key above it and the one above and right, below and below-left
        return (rowA - rowB, columnA - columnB) switch
        {
            (0, 1) or (0, -1) => true,
            (1, 0) or (1, -1) => true, // b is above a: "a" touches "q" and "w"
            (-1, 0) or (-1, 1) => true, // b is below a: "s" touches "z" and "x"
            _ => false,
        };
    }

    private static (int Row, int Column) KeyOf(char c)
    {
        for (var row = 0; row < KeyboardRows.Length; row++)
        {
            var column = KeyboardRows[row].IndexOf(c, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (row, column);
            }
        }

        return (-1, -1);
    }

    /// <summary>Two words of one length that differ only by two neighbouring letters swapped.</summary>
    private static bool IsSwap(string a, string b)
    {
        var differ = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
        return differ.Count == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]];
    }

    /// <summary>Exactly one edit apart: one letter inserted, deleted or changed, or two neighbours swapped.</summary>
    public static bool OneEditApart(string a, string b)
    {
        if (a == b || Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        var (endA, endB) = (a.Length, b.Length);
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }

        // what differs, once the common start and end are set aside
        var (da, db) = (endA - start, endB - start);
        return (da, db) switch
        {
            (1, 0) or (0, 1) or (1, 1) => true,
            (2, 2) => a[start] == b[start + 1] && a[start + 1] == b[start],
            _ => false,
        };
    }
}
