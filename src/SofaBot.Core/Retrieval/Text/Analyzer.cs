using SofaBot.Projects;

namespace SofaBot.Retrieval.Text;

/// <summary>Turns text into index terms the same way for units and messages, and analyses messages into
/// <see cref="Query"/>s with their expansions.</summary>
public sealed class Analyzer(ProjectCatalog catalog, Synonyms synonyms, HanCohesion cohesion)
{
    /// <summary>Weight of a term that only a synonym group added.</summary>
    public const float ExpansionWeight = 0.65f;

    private const string ProjectPrefix = "§";

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

    public Query Analyze(string text)
    {
        var folded = Tokenizer.Fold(text);
        var typed = Tokenizer.Tokenize(text);
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var term in typed)
        {
            weights[term] = cohesion.Weight(term);
        }

        var named = catalog.FindNamed(text).Keys.Where(p => !p.IsOrganization).ToList();
        foreach (var project in named)
        {
            weights[ProjectTerm(project)] = 1f;
        }

        var groups = synonyms.Touched(folded, typed);
        foreach (var term in groups.SelectMany(g => g).SelectMany(m => m))
        {
            weights.TryAdd(term, ExpansionWeight * cohesion.Weight(term));
        }

        return new Query
        {
            Text = text,
            Terms = weights.Select(w => (w.Key, w.Value)).ToList(),
            Concepts = Concepts(typed, groups, named),
            NamedProjects = named,
            HintedProjects = catalog.FindHinted(text).Keys.Where(p => !p.IsOrganization).ToList(),
        };
    }

    /// <summary>Typed terms become concepts, except those a synonym group or a project name covers: the group is
    /// one concept, and a project named by any alias is the concept "this project".</summary>
    private List<QueryConcept> Concepts(List<string> typed, List<IReadOnlyList<string[]>> groups, List<Project> named)
    {
        var concepts = new List<QueryConcept>();
        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in named)
        {
            var names = project.Aliases.Prepend(project.Name).SelectMany(Tokenizer.Tokenize).ToHashSet(StringComparer.Ordinal);
            var typedNames = typed.Where(names.Contains).ToList();
            absorbed.UnionWith(typedNames);
            concepts.Add(new QueryConcept(typedNames.FirstOrDefault() ?? project.Name, [[ProjectTerm(project)]], 1f, IsLatinWord: false));
        }

        foreach (var group in groups)
        {
            var typedMembers = group.Where(m => m.All(typed.Contains)).ToList();
            foreach (var term in typedMembers.SelectMany(m => m))
            {
                absorbed.Add(term);
            }

            var label = typedMembers.Count > 0 ? string.Join("", typedMembers[0]) : string.Join("", group[0]);
            var weight = typedMembers.Count > 0 ? typedMembers.Max(m => m.Average(t => cohesion.Weight(t))) : ExpansionWeight;
            concepts.Add(new QueryConcept(label, group, weight, IsLatinWord: false));
        }

        foreach (var term in typed.Distinct(StringComparer.Ordinal).Where(t => !absorbed.Contains(t)))
        {
            concepts.Add(new QueryConcept(term, [[term]], cohesion.Weight(term), IsLatinWord: char.IsAsciiLetterOrDigit(term[0])));
        }

        return concepts;
    }
}
