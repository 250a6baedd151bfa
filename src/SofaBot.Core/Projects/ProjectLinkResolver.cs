using SofaBot.Corpus;

namespace SofaBot.Projects;

/// <summary>Decides a pair's project and GitHub link from what the weekly printed and what the pair talks about.</summary>
/// <remarks>
/// Weeklies omit the link (about 90 pairs) or attach the wrong one (a SOFALookout label linking to mosn/mosn, a
/// Layotto question labelled SOFABolt). The evidence, strongest first:
/// <list type="number">
/// <item>an "issue 精选" header that names the project (<c>**1.@MOSN** **#2347**</c>);</item>
/// <item>a printed link, when the pair names it or names nothing else in its question. When the label and the URL
/// disagree, the one the text names more wins, then the one keywords hint at, then the label (a wrong URL is the
/// more common copy-paste slip);</item>
/// <item>the project the question and answer name (a printed link to a project never mentioned loses to it);</item>
/// <item>the project the text's keywords hint at (Saga, undo_log → Seata);</item>
/// <item>the fallback, the SOFAStack organisation. A printed SOFAStack link counts as no link.</item>
/// </list>
/// The result always carries the project map's canonical repository.
/// </remarks>
public sealed class ProjectLinkResolver(ProjectCatalog catalog)
{
    /// <param name="links">The link lines printed with the pair: (label, URL), in order.</param>
    /// <param name="headerProject">A project named by an "issue 精选" header, if any.</param>
    /// <param name="question">The pair's topic and questions.</param>
    /// <param name="answer">The pair's answers.</param>
    public ProjectLink Resolve(IReadOnlyList<(string Label, string Url)> links, string? headerProject, string question, string answer)
    {
        var evidence = new ProjectEvidence(catalog, question, answer);
        var given = links.Count > 0 ? links[0] : default;

        if (headerProject is not null && catalog.FindByName(headerProject) is { IsOrganization: false } fromHeader)
        {
            var link = links.FirstOrDefault(l => Identify(l, evidence) == fromHeader);
            return Decide(fromHeader, link.Url is null ? given : link);
        }

        var printed = links
            .Select(l => (Link: l, Project: Identify(l, evidence)))
            .Where(c => c.Project is { IsOrganization: false })
            .OrderByDescending(c => evidence.Score(c.Project!)) // several link lines (MOSN and Layotto): the one talked about; stable, so the first on a tie
            .ToList();
        var named = evidence.BestNamed();
        if (printed.Count > 0)
        {
            var (link, project) = printed[0];
            if (evidence.Score(project!) == 0 && named is not null && evidence.NamedInQuestion(named))
            {
                return new ProjectLink(named.Name, named.Repository, LinkSource.Corrected, link.Label, link.Url);
            }

            return Decide(project!, link);
        }

        var source = links.Count > 0 ? LinkSource.Corrected : LinkSource.Filled;
        if ((named ?? evidence.BestHinted()) is { } inferred)
        {
            return new ProjectLink(inferred.Name, inferred.Repository, source, given.Label, given.Url);
        }

        var fallback = catalog.Fallback;
        var printedFallback = given.Url is not null && ProjectCatalog.IsSameRepository(given.Url, fallback.Repository);
        return new ProjectLink(fallback.Name, fallback.Repository, printedFallback ? LinkSource.Weekly : LinkSource.Fallback, given.Label, given.Url);
    }

    /// <summary>A link line's project: its label and URL if they agree; if not, the one the text supports.</summary>
    private Project? Identify((string Label, string Url) link, ProjectEvidence evidence)
    {
        var byLabel = catalog.FindByName(link.Label);
        var byUrl = catalog.FindByUrl(link.Url);
        if (byLabel is null || byUrl is null || byLabel == byUrl)
        {
            return byLabel ?? byUrl;
        }

        if (byLabel.IsOrganization || byUrl.IsOrganization)
        {
            return byLabel.IsOrganization ? byUrl : byLabel;
        }

        var (label, url) = (evidence.Score(byLabel), evidence.Score(byUrl));
        if (label != url)
        {
            return url > label ? byUrl : byLabel;
        }

        return evidence.Hints(byUrl) > evidence.Hints(byLabel) ? byUrl : byLabel;
    }

    private ProjectLink Decide(Project project, (string Label, string Url) given)
    {
        if (given.Url is null)
        {
            return new ProjectLink(project.Name, project.Repository, LinkSource.Filled);
        }

        var printedCanonically = ProjectCatalog.IsSameRepository(given.Url, project.Repository)
            && (catalog.FindByName(given.Label) is not { } byLabel || byLabel == project);
        return new ProjectLink(project.Name, project.Repository, printedCanonically ? LinkSource.Weekly : LinkSource.Corrected, given.Label, given.Url);
    }
}
