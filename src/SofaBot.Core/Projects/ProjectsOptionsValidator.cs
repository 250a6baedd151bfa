using Microsoft.Extensions.Options;

namespace SofaBot.Projects;

/// <summary>Checks the project map at start-up; every message names the configuration key to fix.</summary>
public sealed class ProjectsOptionsValidator : IValidateOptions<ProjectsOptions>
{
    public ValidateOptionsResult Validate(string? name, ProjectsOptions options)
    {
        var errors = new List<string>();
        var section = ProjectsOptions.SectionName;
        if (options.Catalog.Count == 0)
        {
            errors.Add($"{section}:Catalog is empty: SofaBot needs the project map (see appsettings.json)");
        }

        foreach (var (project, entry) in options.Catalog)
        {
            if (!Uri.TryCreate(entry.Repository, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host != "github.com")
            {
                errors.Add($"{section}:Catalog:{project}:Repository must be an https://github.com/ URL (was \"{entry.Repository}\")");
            }

            foreach (var (other, i) in entry.OtherRepositories.Select((o, i) => (o, i)))
            {
                if (ProjectCatalog.RepositoryKey(other) is null)
                {
                    errors.Add($"{section}:Catalog:{project}:OtherRepositories:{i} must be a GitHub URL (was \"{other}\")");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(options.Fallback))
        {
            errors.Add($"{section}:Fallback is not set: name the catalog entry to use when no project is identified (\"SOFAStack\")");
        }
        else if (!options.Catalog.ContainsKey(options.Fallback))
        {
            errors.Add($"{section}:Fallback names \"{options.Fallback}\", which is not an entry of {section}:Catalog");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Builds the catalog from validated options.</summary>
    public static ProjectCatalog CreateCatalog(ProjectsOptions options) =>
        new(options.Catalog.Select(p => new Project(p.Key, p.Value.Repository.TrimEnd('/'), p.Value.Aliases, p.Value.OtherRepositories, p.Value.Keywords, p.Value.IsOrganization)),
            options.Fallback);
}
