namespace SofaBot.Projects;

/// <summary>A project of the SOFAStack community, as the project map in configuration describes it.</summary>
/// <param name="Name">The name replies show (<c>SOFAJRaft</c>).</param>
/// <param name="Repository">The canonical GitHub repository (<c>https://github.com/sofastack/sofa-jraft</c>).</param>
/// <param name="Aliases">Other names people and weeklies use (<c>jraft</c>, <c>RheaKV</c>, a misspelling seen in print).</param>
/// <param name="OtherRepositories">Other GitHub URLs that identify the project: an old repository, its organisation.</param>
/// <param name="Keywords">Words that hint at the project without naming it (<c>Saga</c>, <c>undo_log</c> for Seata);
/// used only when nothing names a project.</param>
/// <param name="IsOrganization">True for the umbrella entry (SOFAStack) that stands for "no project in particular".</param>
public sealed record Project(string Name, string Repository, IReadOnlyList<string> Aliases, IReadOnlyList<string> OtherRepositories,
    IReadOnlyList<string> Keywords, bool IsOrganization = false)
{
    public override string ToString() => Name;
}
