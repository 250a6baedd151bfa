using System.Text.RegularExpressions;
using SofaBot.Retrieval.Text;

namespace SofaBot.Projects;

/// <summary>Looks projects up by name, alias or GitHub URL, and finds which projects a text names or hints at.</summary>
public sealed partial class ProjectCatalog
{
    private readonly Dictionary<string, Project> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Project> _byRepository = new(StringComparer.Ordinal);
    private readonly PhraseIndex<Project> _names;
    private readonly PhraseIndex<(Project Project, string Keyword)> _keywords;

    public ProjectCatalog(IEnumerable<Project> projects, string fallback)
    {
        Projects = projects.ToList();
        _names = new PhraseIndex<Project>(Projects.SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => (Tokenizer.Fold(n), p))));
        _keywords = new PhraseIndex<(Project, string)>(Projects.SelectMany(p => p.Keywords.Select(k => (Tokenizer.Fold(k), (p, k)))));
        foreach (var project in Projects)
        {
            foreach (var name in project.Aliases.Prepend(project.Name))
            {
                _byName.TryAdd(NameKey(name), project);
            }

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

        return _names.Find(Tokenizer.Fold(GitHubUrl().Replace(text, m => new string(' ', m.Length))), found);
    }

    /// <summary><see cref="FindNamed"/> for text already folded (<see cref="Tokenizer.Fold"/>) that holds no GitHub URL.</summary>
    public Dictionary<Project, int> FindNamedInFolded(string folded) => _names.Find(folded);

    /// <summary><see cref="FindHinted"/> for text already folded that holds no GitHub URL.</summary>
    public Dictionary<Project, int> FindHintedInFolded(string folded)
    {
        var hits = new Dictionary<Project, int>();
        foreach (var (project, _) in _keywords.Find(folded).Keys)
        {
            hits[project] = hits.GetValueOrDefault(project) + 1;
        }

        return hits;
    }

    /// <summary>The projects the text hints at by keyword, each with how many distinct keywords it uses.</summary>
    public Dictionary<Project, int> FindHinted(string text)
    {
        return FindHintedInFolded(Tokenizer.Fold(GitHubUrl().Replace(text, " ")));
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

    private static string NameKey(string name) => NameNoise().Replace(name, "").ToLowerInvariant();

    [GeneratedRegex(@"[\s\-_.「」*]")]
    private static partial Regex NameNoise();

    [GeneratedRegex(@"^\s*(https?:)?/*(www\.)?github\.com/+(?<owner>[A-Za-z0-9][A-Za-z0-9_.-]*)(/+(?<repo>[A-Za-z0-9_.-]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubPath();

    [GeneratedRegex(@"(https?://)?(www\.)?github\.com/+[^\s)>\]""'，。）]+", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubUrl();
}
