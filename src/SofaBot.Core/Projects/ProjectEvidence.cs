namespace SofaBot.Projects;

/// <summary>What a pair's own words say about its project: which projects it names, where, and which it hints at.</summary>
/// <remarks>Presence counts, not frequency: a question that names SOFABoot once and the word "bolt" twice is about
/// SOFABoot as much as about SOFABolt, and the earlier mention wins the tie. Naming a project in the question weighs
/// twice as much as naming it in the answer.</remarks>
internal sealed class ProjectEvidence
{
    private const int QuestionWeight = 2;
    private const int AnswerWeight = 1;

    private readonly Dictionary<Project, int> _score = [];
    private readonly Dictionary<Project, int> _firstAt = [];
    private readonly HashSet<Project> _inQuestion = [];
    private readonly Dictionary<Project, int> _hints;

    public ProjectEvidence(ProjectCatalog catalog, string question, string answer)
    {
        foreach (var (project, at) in catalog.FindNamed(question))
        {
            _score[project] = QuestionWeight;
            _firstAt[project] = at;
            _inQuestion.Add(project);
        }

        foreach (var (project, at) in catalog.FindNamed(answer))
        {
            _score[project] = _score.GetValueOrDefault(project) + AnswerWeight;
            _firstAt.TryAdd(project, question.Length + at);
        }

        _hints = catalog.FindHinted(question);
        foreach (var project in _hints.Keys.ToList())
        {
            _hints[project] *= QuestionWeight;
        }

        foreach (var (project, hits) in catalog.FindHinted(answer))
        {
            _hints[project] = _hints.GetValueOrDefault(project) + (hits * AnswerWeight);
        }
    }

    public int Score(Project project) => _score.GetValueOrDefault(project);

    public int Hints(Project project) => _hints.GetValueOrDefault(project);

    public bool NamedInQuestion(Project project) => _inQuestion.Contains(project);

    /// <summary>The specific project the text names most strongly (earliest on a tie), if any.</summary>
    public Project? BestNamed(Func<Project, bool>? where = null) => _score.Keys
        .Where(p => !p.IsOrganization && (where?.Invoke(p) ?? true))
        .OrderByDescending(Score)
        .ThenBy(p => _firstAt[p])
        .FirstOrDefault();

    /// <summary>The project most keywords hint at, when one clearly leads.</summary>
    public Project? BestHinted()
    {
        var ranked = _hints.Where(h => !h.Key.IsOrganization).OrderByDescending(h => h.Value).Take(2).ToList();
        return ranked.Count switch
        {
            0 => null,
            1 => ranked[0].Key,
            _ => ranked[0].Value > ranked[1].Value ? ranked[0].Key : null,
        };
    }
}
