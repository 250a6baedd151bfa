using System.Text.RegularExpressions;

namespace SofaBot.Projects;

/// <summary>Looks projects up by name, alias or GitHub URL, and finds which projects a text names or hints at.</summary>
public sealed partial class ProjectCatalog
{
    private readonly Dictionary<string, Project> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Project> _byRepository = new(StringComparer.Ordinal);
    private readonly List<(Project Project, string Term)> _names = [];
    private readonly List<(Project Project, string Term)> _keywords = [];

    public ProjectCatalog(IEnumerable<Project> projects, string fallback)
    {
        Projects = projects.ToList();
        foreach (var project in Projects)
        {
            foreach (var name in project.Aliases.Prepend(project.Name))
            {
                _byName.TryAdd(NameKey(name), project);
                _names.Add((project, name.ToLowerInvariant()));
            }

            _keywords.AddRange(project.Keywords.Select(k => (project, k.ToLowerInvariant())));
            foreach (var url in project.OtherRepositories.Prepend(project.Repository))
            {
                if (RepositoryKey(url) is { } key)
                {
                    _byRepository.TryAdd(key, project);
                }
            }
        }

        Fallback = FindByName(fallback) ?? throw new ArgumentException($"the fallback project \"{fallback}\" is not in the catalog", nameof(fallback));
    }

    public IReadOnlyList<Project> Projects { get; }

    /// <summary>The umbrella entry for "no project in particular".</summary>
    public Project Fallback { get; }

    /// <summary>The project with this name or alias; case, spaces, hyphens and 「」 do not matter.</summary>
    public Project? FindByName(string name) => _byName.GetValueOrDefault(NameKey(name));

    /// <summary>The project a GitHub URL points into (repository, issue, file or organisation page).</summary>
    public Project? FindByUrl(string url) => RepositoryKey(url) is { } key ? _byRepository.GetValueOrDefault(key) : null;

    /// <summary>True when the URL is the project's canonical repository (any page inside it counts).</summary>
    public static bool IsSameRepository(string url, string repository) =>
        RepositoryKey(url) is { } key && key == RepositoryKey(repository);

    /// <summary>The projects the text names (by name or alias, as whole words) or links to, each with the offset of
    /// its first mention. A GitHub URL counts once for the repository it points into, not for the words in its path
    /// (an answer citing mosn/mosn/examples twice is not twice about MOSN); other URLs are read as words
    /// (mosn.io/docs names MOSN).</summary>
    public Dictionary<Project, int> FindNamed(string text)
    {
        var found = new Dictionary<Project, int>();
        foreach (Match url in GitHubUrl().Matches(text))
        {
            if (FindByUrl(url.Value) is { } linked)
            {
                found.TryAdd(linked, url.Index);
            }
        }

        Find(GitHubUrl().Replace(text, m => new string(' ', m.Length)), _names, found);
        return found;
    }

    /// <summary>The projects the text hints at by keyword, each with how many distinct keywords it uses.</summary>
    public Dictionary<Project, int> FindHinted(string text)
    {
        var hits = new Dictionary<Project, int>();
        var lower = GitHubUrl().Replace(text, " ").ToLowerInvariant();
        foreach (var (project, keyword) in _keywords)
        {
            if (IndexOfWord(lower, keyword, 0) >= 0)
            {
                hits[project] = hits.GetValueOrDefault(project) + 1;
            }
        }

        return hits;
    }

    /// <summary>"github.com/owner/repo" (or "github.com/owner" for an organisation page), lower case; null when not GitHub.</summary>
    public static string? RepositoryKey(string url)
    {
        // weeklies contain "https://github.com//mosn/mosn/" and "github.com/sofastack**/sof**a-registry"
        var match = GitHubPath().Match(url.Replace("*", "", StringComparison.Ordinal));
        if (!match.Success)
        {
            return null;
        }

        var owner = match.Groups["owner"].Value.ToLowerInvariant();
        var repo = match.Groups["repo"].Success ? match.Groups["repo"].Value.ToLowerInvariant() : null;
        if (repo is not null && repo.EndsWith(".git", StringComparison.Ordinal))
        {
            repo = repo[..^4];
        }

        return repo is null or "" ? $"github.com/{owner}" : $"github.com/{owner}/{repo}";
    }

    private static void Find(string text, List<(Project Project, string Term)> terms, Dictionary<Project, int> found)
    {
        var lower = text.ToLowerInvariant();
        foreach (var (project, term) in terms)
        {
            var at = IndexOfWord(lower, term, 0);
            if (at >= 0 && (!found.TryGetValue(project, out var first) || at < first))
            {
                found[project] = at;
            }
        }
    }

    /// <summary>First whole-word occurrence: ASCII letters and digits may not touch the term (Chinese text may).</summary>
    private static int IndexOfWord(string text, string term, int start)
    {
        for (var i = text.IndexOf(term, start, StringComparison.Ordinal); i >= 0; i = text.IndexOf(term, i + 1, StringComparison.Ordinal))
        {
            if (IsWordBoundary(text, i - 1) && IsWordBoundary(text, i + term.Length))
            {
                return i;
            }
        }

        return -1;
    }

    private static string NameKey(string name) => NameNoise().Replace(name, "").ToLowerInvariant();

    private static bool IsWordBoundary(string text, int index) =>
        index < 0 || index >= text.Length || !(char.IsAsciiLetterOrDigit(text[index]) || text[index] == '_');

    [GeneratedRegex(@"[\s\-_.「」*]")]
    private static partial Regex NameNoise();

    [GeneratedRegex(@"^\s*(https?:)?/*(www\.)?github\.com/+(?<owner>[A-Za-z0-9][A-Za-z0-9_.-]*)(/+(?<repo>[A-Za-z0-9_.-]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubPath();

    [GeneratedRegex(@"(https?://)?(www\.)?github\.com/+[^\s)>\]""'，。）]+", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubUrl();
}
