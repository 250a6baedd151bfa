namespace SofaBot.Projects;

/// <summary>The <c>Projects</c> section of configuration: the curated project map.</summary>
public sealed class ProjectsOptions
{
    public const string SectionName = "Projects";

    /// <summary>The catalog entry used when nothing identifies a project (the SOFAStack organisation).</summary>
    public string Fallback { get; set; } = "";

    /// <summary>Project name → entry. A dictionary so operators can add or override one project from another
    /// configuration source (for example <c>Projects__Catalog__Foo__Repository</c>) without repeating the list.</summary>
    public Dictionary<string, ProjectEntryOptions> Catalog { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One project of the map.</summary>
public sealed class ProjectEntryOptions
{
    public string Repository { get; set; } = "";

    public List<string> Aliases { get; set; } = [];

    public List<string> OtherRepositories { get; set; } = [];

    /// <summary>Words that hint at the project without naming it; see <see cref="Project.Keywords"/>.</summary>
    public List<string> Keywords { get; set; } = [];

    public bool IsOrganization { get; set; }
}
