namespace SofaBot.Tests.Fixtures;

/// <summary>What some tests need from the machine besides .NET: a PostgreSQL server, a Chromium that starts. On a
/// developer machine a test whose requirement is missing is skipped with the reason (what to install, how to point the
/// tests at it); under <c>CI=true</c> it fails with the same reason, so CI can never go green without it.</summary>
public static class Requirement
{
    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Ends the test (<c>throw Requirement.Unmet(…)</c>): under CI it fails here; elsewhere the exception
    /// returned reports it as skipped.</summary>
    public static SkipTestException Unmet(string reason)
    {
        if (RequiredByCi)
        {
            Assert.Fail(reason + " (CI=true: required, not skipped)");
        }

        return new SkipTestException(reason);
    }
}

/// <summary>Thrown by <see cref="Requirement.Unmet"/>; <see cref="SkippingTestFramework"/> reports the test as skipped
/// with this message as the reason.</summary>
public sealed class SkipTestException(string reason) : Exception(reason);
