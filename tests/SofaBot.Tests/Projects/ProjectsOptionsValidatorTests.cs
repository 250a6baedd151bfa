using SofaBot.Projects;

namespace SofaBot.Tests.Projects;

public sealed class ProjectsOptionsValidatorTests
{
    [Fact]
    public void Every_error_names_the_configuration_key_to_fix()
    {
        var options = new ProjectsOptions
        {
            Fallback = "Nope",
            Catalog =
            {
                ["MOSN"] = new ProjectEntryOptions { Repository = "http://gitee.com/mosn/mosn", OtherRepositories = ["not a url"] },
            },
        };

        var result = new ProjectsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Projects:Catalog:MOSN:Repository must be an https://github.com/ URL (was \"http://gitee.com/mosn/mosn\")", result.Failures);
        Assert.Contains("Projects:Catalog:MOSN:OtherRepositories:0 must be a GitHub URL (was \"not a url\")", result.Failures);
        Assert.Contains("Projects:Fallback names \"Nope\", which is not an entry of Projects:Catalog", result.Failures);
    }

    [Fact]
    public void An_empty_map_is_refused()
    {
        var result = new ProjectsOptionsValidator().Validate(null, new ProjectsOptions());
        Assert.Contains(result.Failures!, f => f.StartsWith("Projects:Catalog is empty", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Projects:Fallback is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_map_is_valid() =>
        Assert.True(new ProjectsOptionsValidator().Validate(null, Fixtures.TestCorpus.ProjectsOptions).Succeeded);
}
