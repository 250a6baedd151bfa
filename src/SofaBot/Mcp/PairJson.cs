using System.Globalization;
using System.Text.Json.Serialization;
using SofaBot.Corpus;
using SofaBot.Learning;

namespace SofaBot.Mcp;

/// <summary>A pair by its id, as <c>get_pair</c> returns it: every turn, with its project and weekly.</summary>
/// <param name="Asker">Who asked, as the weekly prints it; null when it grouped questions under a topic.</param>
/// <param name="IssueUrl">The GitHub issue the pair was taken from, when the weekly named one.</param>
internal sealed record PairJson(string Id, string Question, string Answer, IReadOnlyList<TurnJson> Turns, string? Asker, string? Topic, string? IssueUrl, ProjectJson Project, WeeklyJson Weekly)
{
    public static PairJson From(QaPair pair) => new(
        pair.Id,
        pair.Question,
        pair.Answer,
        [.. pair.Turns.Select(t => new TurnJson(t.Question, t.Answer))],
        pair.Asker,
        pair.Topic,
        pair.IssueUrl,
        ProjectJson.From(pair.Project),
        WeeklyJson.From(pair.Weekly));
}

/// <param name="Answer">Empty when the weekly printed the question without an answer.</param>
internal sealed record TurnJson(string Question, string Answer);

/// <param name="GitHub">The project's GitHub repository (the SOFAStack organisation when no project was identified).</param>
internal sealed record ProjectJson(string Name, [property: JsonPropertyName("github")] string GitHub)
{
    public static ProjectJson From(ProjectLink project) => new(project.Name, project.Url);
}

/// <param name="Date">yyyy-MM-dd; null when the weekly has no date.</param>
/// <param name="Url">Where the weekly is published on sofastack.tech; null for a pair learned in review, which has no
/// page (its title says so).</param>
internal sealed record WeeklyJson(string Title, string? Date, string? Url)
{
    public static WeeklyJson From(Weekly weekly)
    {
        var learned = LearnedPairs.IsLearned(weekly);
        return new(weekly.Title, weekly.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), learned || weekly.SourceUrl.Length == 0 ? null : weekly.SourceUrl);
    }
}
