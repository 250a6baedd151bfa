namespace SofaBot.Tests.Fixtures;

/// <summary>A test that reads the full corpus in ../shared. Skipped when it is absent on a developer machine;
/// under CI (CI=true) the test runs and fails instead, so a missing corpus cannot pass silently.</summary>
public sealed class FullCorpusFactAttribute : FactAttribute
{
    public FullCorpusFactAttribute()
    {
        if (TestPaths.FullCorpus is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "the full corpus (../shared/corpus/sofastack-weekly or SOFABOT_WEEKLY_CORPUS) is not on this machine";
        }
    }
}
