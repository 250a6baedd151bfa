using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using SofaBot.Projects;

namespace SofaBot.Retrieval.Text;

/// <summary>Turns text into index terms the same way for units and messages, and analyses messages into
/// <see cref="Query"/>s with their expansions.</summary>
/// <param name="catalog">The project map: names, aliases, keywords.</param>
/// <param name="synonyms">Groups of words that mean the same, Chinese and English.</param>
/// <param name="cohesion">How word-like a Chinese bigram is in this corpus.</param>
/// <param name="vocabulary">The corpus's words as indexed, for correcting a message's near misses of them.</param>
/// <param name="reading">Which steps of reading a message are on (all, unless measuring).</param>
public sealed partial class Analyzer(ProjectCatalog catalog, Synonyms synonyms, HanCohesion cohesion, Lexical.LexicalIndex vocabulary, MessageReadingOptions? reading = null)
{
    private readonly MessageReadingOptions _reading = reading ?? new();

    /// <summary>Weight of a term that only a synonym group added.</summary>
    public const float ExpansionWeight = 0.65f;

    private const string ProjectPrefix = "§";

    private readonly ConcurrentDictionary<Project, HashSet<string>> _nameTerms = new();
    private SpellingState? _spelling;

    public ProjectCatalog Catalog => catalog;

    public HanCohesion Cohesion => cohesion;

    public static string ProjectTerm(Project project) => ProjectPrefix + project.Name.ToLowerInvariant();

    /// <summary>The terms of a unit's question field: its words and the project it is about.</summary>
    public static List<string> QuestionTerms(string text, Project project)
    {
        var terms = Tokenizer.Tokenize(text);
        if (!project.IsOrganization)
        {
            terms.Add(ProjectTerm(project));
        }

        return terms;
    }

    public static List<string> AnswerTerms(string text) => Tokenizer.Tokenize(text);

    /// <summary>A message analysed for ranking and for judging matches: first without its chat register (greetings,
    /// thanks, mentions), with near misses of the corpus's words corrected.</summary>
    public Query Analyze(string message)
    {
        var stripped = _reading.StripChatRegister ? ChatRegister.Strip(message) : message;
        var normalized = Tokenizer.Nfkc(stripped);
        var (text, corrections) = _reading.CorrectSpelling ? Correct(normalized) : (normalized, []);
        var folded = text.ToLowerInvariant();
        var typed = Tokenizer.TokenizeNormalized(text);
        var withUrl = folded.Contains("github.com", StringComparison.Ordinal);
        var mentioned = (withUrl ? catalog.FindNamed(text) : catalog.FindNamedInFolded(folded)).Keys.ToList();
        var named = mentioned.Where(p => !p.IsOrganization).ToList();
        var hinted = (withUrl ? catalog.FindHinted(text) : catalog.FindHintedInFolded(folded)).Keys.Where(p => !p.IsOrganization).ToList();
        var groups = synonyms.Touched(folded, typed);
        var cohesionOf = new Dictionary<string, float>(StringComparer.Ordinal);
        var terms = WeightedTerms(typed, named, groups, cohesionOf);
        return new Query
        {
            Text = text,
            Terms = terms,
            Concepts = Concepts(text, typed, groups, named, cohesionOf),
            NamedProjects = named,
            HintedProjects = hinted,
            IsAboutSofaStack = mentioned.Count > 0 || hinted.Count > 0,
            Corrections = corrections,
        };
    }

    /// <summary>The text with each Latin word the corpus never uses replaced by the word it is a near miss of.</summary>
    private (string Text, IReadOnlyList<(string Typed, string Read)> Corrections) Correct(string text)
    {
        var spelling = Spelling();
        List<(string, string)>? corrections = null;
        var corrected = LatinWord().Replace(text, word =>
        {
            // the corpus's words are indexed as terms (plurals reduced: "windows" is window), so a word is read
            // as its term: "opens" is the known open, "windwos" the near miss windwo of window
            var lower = word.Value.ToLowerInvariant();
            var term = Tokenizer.TokenizeNormalized(lower) is [var single] ? single : lower;
            if (spelling.Correct(term) is not { } read)
            {
                return word.Value;
            }

            (corrections ??= []).Add((word.Value, read));
            return read;
        });
        return (corrected, corrections ?? []);
    }

    /// <summary>The corrector over the vocabulary as it is now: made on first use, and again once learned pairs
    /// brought new words.</summary>
    private SpellingCorrector Spelling()
    {
        var terms = vocabulary.TermCount;
        if (Volatile.Read(ref _spelling) is { } current && current.Terms == terms)
        {
            return current.Corrector;
        }

        var known = vocabulary.Vocabulary().ToDictionary(t => t.Term, t => t.Units, StringComparer.Ordinal);
        var names = catalog.Projects.SelectMany(p => p.Aliases.Prepend(p.Name)).Select(n => n.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));
        // words of the synonym groups and the glossary are known too: an English question may use them freely
        var corrector = new SpellingCorrector(known.Keys, names, w => known.GetValueOrDefault(w), synonyms.LatinTerms);
        Volatile.Write(ref _spelling, new SpellingState(terms, corrector));
        return corrector;
    }

    private sealed record SpellingState(int Terms, SpellingCorrector Corrector);

    /// <summary>Only the weighted terms (what ranking and embedding need), without judging concepts.</summary>
    public IReadOnlyList<(string Term, float Weight)> Terms(string text)
    {
        var normalized = Tokenizer.Nfkc(text);
        var typed = Tokenizer.TokenizeNormalized(normalized);
        var named = catalog.FindNamed(text).Keys.Where(p => !p.IsOrganization).ToList();
        return WeightedTerms(typed, named, synonyms.Touched(normalized.ToLowerInvariant(), typed), new(StringComparer.Ordinal));
    }

    /// <summary>A term's bigram weight, looked up once per message: the typed terms repeat, and ranking and concepts
    /// both weigh them.</summary>
    private float CohesionWeight(Dictionary<string, float> known, string term)
    {
        if (!known.TryGetValue(term, out var weight))
        {
            known[term] = weight = cohesion.Weight(term);
        }

        return weight;
    }

    private List<(string Term, float Weight)> WeightedTerms(List<string> typed, List<Project> named, List<IReadOnlyList<string[]>> groups, Dictionary<string, float> cohesionOf)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var term in typed)
        {
            if (!weights.ContainsKey(term))
            {
                weights[term] = CohesionWeight(cohesionOf, term);
            }
        }

        foreach (var project in named)
        {
            weights[ProjectTerm(project)] = 1f;
        }

        // a member of several words ("rollback log" for undo_log) shares the member's weight among its words: ranking
        // cannot search a phrase, and at full weight each word ("log") would pull in every answer that uses it
        foreach (var member in groups.SelectMany(g => g))
        {
            foreach (var term in member)
            {
                if (!weights.ContainsKey(term))
                {
                    weights[term] = ExpansionWeight / member.Length * CohesionWeight(cohesionOf, term);
                }
            }
        }

        return weights.Select(w => (w.Key, w.Value)).ToList();
    }

    /// <summary>Typed terms become concepts, except those a synonym group or a project name covers: the group is
    /// one concept, and a project named by any alias is the concept "this project".</summary>
    private List<QueryConcept> Concepts(string text, List<string> typed, List<IReadOnlyList<string[]>> groups, List<Project> named, Dictionary<string, float> cohesionOf)
    {
        var chinese = text.Count(Tokenizer.IsHan) >= 2;
        var concepts = new List<QueryConcept>();
        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        var typedSet = typed.ToHashSet(StringComparer.Ordinal);
        foreach (var project in named)
        {
            var names = NameTerms(project);
            var typedNames = typed.Where(names.Contains).Distinct(StringComparer.Ordinal).ToList();
            absorbed.UnionWith(typedNames);
            concepts.Add(new QueryConcept(typedNames.FirstOrDefault() ?? project.Name, [[ProjectTerm(project)]], 1f, IsName: false));
        }

        foreach (var group in groups)
        {
            var typedMembers = group.Where(m => m.All(typedSet.Contains)).ToList();
            foreach (var term in typedMembers.SelectMany(m => m))
            {
                absorbed.Add(term);
            }

            var label = typedMembers.Count > 0 ? string.Join("", typedMembers[0]) : string.Join("", group[0]);
            var weight = typedMembers.Count > 0 ? typedMembers.Max(m => m.Average(t => CohesionWeight(cohesionOf, t))) : ExpansionWeight;
            concepts.Add(new QueryConcept(label, group, weight, IsName: false));
        }

        // an identifier comes whole and then in parts (matchIndex → matchindex, match, index): one concept,
        // covered by the whole or by all its parts
        for (var i = 0; i < typed.Count; i++)
        {
            var parts = IdentifierParts(typed, i);
            if (parts is null || absorbed.Contains(typed[i]))
            {
                continue;
            }

            absorbed.Add(typed[i]);
            absorbed.UnionWith(parts);
            concepts.Add(new QueryConcept(typed[i], [[typed[i]], parts], parts.Average(t => CohesionWeight(cohesionOf, t)), IsName: chinese || LooksLikeName(text, typed[i])));
        }

        foreach (var term in typed.Distinct(StringComparer.Ordinal).Where(t => !absorbed.Contains(t)))
        {
            // a version ("1.4", "3.1.x", "v2") is never an unknown name, and counts for little: the weeklies write
            // 1.4.0 where the message says 1.4, and a question about another patch release is the same question
            if (IsVersion(term))
            {
                concepts.Add(new QueryConcept(term, [[term]], VersionWeight * CohesionWeight(cohesionOf, term), IsName: false));
                continue;
            }

            var latin = char.IsAsciiLetterOrDigit(term[0]);
            concepts.Add(new QueryConcept(term, [[term]], CohesionWeight(cohesionOf, term), IsName: latin && (chinese || LooksLikeName(text, term))));
        }

        return concepts;
    }

    /// <summary>How much a version number counts as a concept, against a word.</summary>
    private const float VersionWeight = 0.25f;

    private static bool IsVersion(string term) => VersionNumber().IsMatch(term);

    /// <summary>The terms of a project's name and aliases, worked out once per project.</summary>
    private HashSet<string> NameTerms(Project project) => _nameTerms.GetOrAdd(project, p =>
        p.Aliases.Prepend(p.Name).SelectMany(Tokenizer.Tokenize).ToHashSet(StringComparer.Ordinal));

    /// <summary>Digits, or a capital inside the word as typed (PostgreSQL, QUIC, IPv6).</summary>
    private static bool LooksLikeName(string text, string term)
    {
        if (term.Any(char.IsAsciiDigit))
        {
            return true;
        }

        for (var i = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(term, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (text.AsSpan(i + 1, term.Length - 1).ContainsAnyInRange('A', 'Z'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The parts that follow an identifier in the token stream and spell it, or null.</summary>
    private static string[]? IdentifierParts(List<string> typed, int at)
    {
        var whole = typed[at];
        if (!char.IsAsciiLetterOrDigit(whole[0]) || at + 1 >= typed.Count || !whole.StartsWith(typed[at + 1], StringComparison.Ordinal))
        {
            return null;
        }

        var spelled = "";
        for (var j = at + 1; j < typed.Count && spelled.Length < whole.Length; j++)
        {
            spelled += typed[j];
            if (spelled == whole.Replace(".", "", StringComparison.Ordinal).Replace("#", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal))
            {
                return j > at + 1 ? typed[(at + 1)..(j + 1)].ToArray() : null;
            }
        }

        return null;
    }

    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"^v?\d+(\.(\d+|x))+$|^v\d+$")]
    private static partial Regex VersionNumber();
}
