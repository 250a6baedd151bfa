using SofaBot.Projects;

namespace SofaBot.Retrieval;

/// <summary>A message analysed for retrieval: its terms, the concepts it asks about, the projects it names.</summary>
public sealed class Query
{
    /// <summary>The message as analysed: without its chat register, near misses corrected.</summary>
    public required string Text { get; init; }

    /// <summary>Distinct terms with weights, for ranking: typed terms (weighted by how word-like they are), the
    /// projects named (by any alias), and synonyms at a lower weight.</summary>
    public required IReadOnlyList<(string Term, float Weight)> Terms { get; init; }

    /// <summary>What the message asks about, for judging a match: a typed term, or a synonym group as a whole.</summary>
    public required IReadOnlyList<QueryConcept> Concepts { get; init; }

    /// <summary>SOFAStack projects the message names by name or alias (jraft, 注册中心 does not count).</summary>
    public required IReadOnlyList<Project> NamedProjects { get; init; }

    /// <summary>Projects the message's keywords hint at (Saga → Seata).</summary>
    public required IReadOnlyList<Project> HintedProjects { get; init; }

    /// <summary>True when the message names the community itself (SOFA, SOFAStack) or any project, or hints at one.</summary>
    public bool IsAboutSofaStack { get; init; }

    /// <summary>Words of the message read as another word of the corpus ("jarft" as jraft), as typed and as read.</summary>
    public IReadOnlyList<(string Typed, string Read)> Corrections { get; init; } = [];

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>This message read as a reply that continues <paramref name="earlier"/>: its own terms, then the
    /// earlier message's terms it lacks at <paramref name="weight"/>; the earlier projects when it names none. Its
    /// concepts stay its own: a candidate must answer what the reply asks, not what was asked before.</summary>
    public Query Continuing(Query earlier, float weight)
    {
        var terms = Terms.ToDictionary(t => t.Term, t => t.Weight, StringComparer.Ordinal);
        foreach (var (term, w) in earlier.Terms)
        {
            terms.TryAdd(term, w * weight);
        }

        var named = NamedProjects.Count > 0 ? NamedProjects : earlier.NamedProjects;
        foreach (var project in named.Except(NamedProjects))
        {
            // the project the conversation is about counts fully, as if named again
            terms[Retrieval.Text.Analyzer.ProjectTerm(project)] = 1f;
        }

        return new Query
        {
            Text = Text,
            Terms = [.. terms.Select(t => (t.Key, t.Value))],
            Concepts = Concepts,
            NamedProjects = named,
            HintedProjects = HintedProjects.Count > 0 ? HintedProjects : earlier.HintedProjects,
            IsAboutSofaStack = IsAboutSofaStack || earlier.IsAboutSofaStack,
            Corrections = Corrections,
        };
    }
}

/// <summary>One thing a message asks about. It is covered by a unit containing all terms of any alternative.</summary>
/// <param name="Label">What was typed, for explanations.</param>
/// <param name="Alternatives">Term sequences that express the concept (a synonym group gives several).</param>
/// <param name="Weight">How much the concept counts before IDF (stray bigrams count little).</param>
/// <param name="IsName">True for a typed Latin term that looks like the name of a thing: it has digits or inner
/// capitals (PostgreSQL, http3, IPv6), or it stands in Chinese text, where people type English only for names
/// (witness in "jraft 怎么配置 witness 节点"). Ordinary English words of an English sentence are not names.</param>
public sealed record QueryConcept(string Label, IReadOnlyList<string[]> Alternatives, float Weight, bool IsName);
