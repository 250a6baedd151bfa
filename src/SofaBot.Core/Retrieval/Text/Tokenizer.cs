using System.Globalization;
using System.Text;

namespace SofaBot.Retrieval.Text;

/// <summary>Splits Chinese mixed with English identifiers into index terms.</summary>
/// <remarks>
/// Chinese has no spaces, so Han runs become overlapping character bigrams (a lone Han character stays a
/// unigram). Latin runs become words, lower case, with identifiers also split into their parts
/// (<c>appendEntries</c> → <c>appendentries</c>, <c>append</c>, <c>entries</c>; <c>com.alipay.sofa.rpc</c> → its
/// segments) so that "commit index" meets <c>commitIndex</c>. Text is NFKC-folded first: full-width letters,
/// digits and punctuation become their ASCII forms. English plurals are reduced (addresses → address) and a short
/// list of English function words is dropped.
/// </remarks>
public static class Tokenizer
{
    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "and", "or", "but",
        "is", "are", "was", "were", "be", "been", "do", "does", "did", "can", "could", "should", "would", "will",
        "i", "you", "we", "it", "its", "my", "our", "your", "this", "that", "these", "those", "there", "here",
        "what", "how", "why", "when", "where", "which", "who", "whats", "s", "t", "if", "then", "so", "as", "not",
        "use", "using", "used", "any", "some", "me", "us", "them", "they", "he", "she", "about", "into", "over",
        "between", "than", "also", "just", "only", "still", "need", "want", "get", "got", "has", "have", "had", "way",
    };

    /// <summary>NFKC and lower case: the one folding every text goes through before it is split.</summary>
    public static string Fold(string text) => Nfkc(text).ToLowerInvariant();

    /// <summary>NFKC; a lone surrogate (half an emoji cut off by a client) becomes U+FFFD first, because
    /// <see cref="string.Normalize(NormalizationForm)"/> throws on it.</summary>
    public static string Nfkc(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var paired = char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[++i]) : !char.IsLowSurrogate(text[i]);
            if (!paired)
            {
                return ReplaceLoneSurrogates(text).Normalize(NormalizationForm.FormKC);
            }
        }

        return text.Normalize(NormalizationForm.FormKC);
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text, i++, 2);
            }
            else
            {
                clean.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return clean.ToString();
    }

    /// <summary>The terms of the text, in order, with repeats.</summary>
    public static List<string> Tokenize(string text) => TokenizeNormalized(Nfkc(text));

    /// <summary><see cref="Tokenize"/> for text already through <see cref="Nfkc"/> (normalizing is a good part of
    /// the cost of analysing a message; a message is normalized once).</summary>
    public static List<string> TokenizeNormalized(string original)
    {
        var terms = new List<string>();
        var i = 0;
        while (i < original.Length)
        {
            var c = original[i];
            if (IsHan(c))
            {
                var start = i;
                while (i < original.Length && IsHan(original[i]))
                {
                    i++;
                }

                AddHan(original.AsSpan(start, i - start), terms);
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < original.Length && (IsWordChar(original[i]) || IsJoiner(original, i)))
                {
                    i++;
                }

                AddWord(original[start..i], terms);
            }
            else
            {
                i++;
            }
        }

        return terms;
    }

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\uf900' and <= '\ufaff';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || (c > 0x7f && char.IsLetterOrDigit(c) && !IsHan(c));

    // "com.alipay.sofa", "sofa-rpc", "NodeImpl#handleAppendEntriesRequest", "1.3.0": joiners inside an identifier
    private static bool IsJoiner(string text, int i) =>
        text[i] is '.' or '-' or '#' or '/' && i + 1 < text.Length && i > 0 && IsWordChar(text[i - 1]) && IsWordChar(text[i + 1]);

    private static void AddHan(ReadOnlySpan<char> run, List<string> terms)
    {
        if (run.Length == 1)
        {
            terms.Add(run.ToString());
            return;
        }

        for (var j = 0; j + 1 < run.Length; j++)
        {
            terms.Add(run.Slice(j, 2).ToString());
        }
    }

    private static void AddWord(string word, List<string> terms)
    {
        var lower = word.ToLowerInvariant();
        var parts = SplitIdentifier(word);
        if (parts.Count <= 1)
        {
            // an acronym in capitals is a term even when its letters spell a function word ("AT 模式", "IT")
            if (word.Length >= 2 && word.All(char.IsAsciiLetterUpper))
            {
                terms.Add(lower);
                return;
            }

            AddEnglish(lower, terms);
            return;
        }

        // the whole identifier (rare, precise) and its parts (what people type when they describe it)
        terms.Add(lower.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal));
        foreach (var part in parts)
        {
            AddEnglish(part, terms);
        }
    }

    private static void AddEnglish(string word, List<string> terms)
    {
        // single letters and digits ("1.3.0", "v1") match everything and say nothing
        if (word.Length < 2 || EnglishStopWords.Contains(word))
        {
            return;
        }

        terms.Add(Stem(word));
    }

    /// <summary>Light English stemming: plurals only, enough for "addresses"/"address", "entries"/"entry".</summary>
    private static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsAsciiLetter(word[^1]) || word.Any(char.IsAsciiDigit))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        return word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) ? word[..^1] : word;
    }

    /// <summary>The lower-case parts of an identifier: split at . - # / _ and at camel-case humps.</summary>
    private static List<string> SplitIdentifier(string word)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (c is '.' or '-' or '#' or '/' or '_')
            {
                Flush();
                continue;
            }

            if (current.Length > 0 && IsHump(word, i))
            {
                Flush();
            }

            current.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        Flush();
        return parts;

        void Flush()
        {
            if (current.Length > 0)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
        }
    }

    // a lower→upper step (appendEntries), the end of an acronym (RPCServer → RPC|Server), a letter→digit step is not
    private static bool IsHump(string word, int i)
    {
        var c = word[i];
        var previous = word[i - 1];
        if (char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(previous))
        {
            return true;
        }

        return char.IsAsciiLetterUpper(c) && char.IsAsciiLetterUpper(previous) && i + 1 < word.Length && char.IsAsciiLetterLower(word[i + 1]) && i >= 2;
    }
}
