using System.Reflection;

namespace SofaBot.Tests.Fixtures;

/// <summary>Runs the built program as an operator does: a separate <c>dotnet SofaBot.dll</c> process, configured by
/// its working directory and environment variables.</summary>
public static class ProgramProcess
{
    /// <summary>SofaBot.dll as its own project builds it. Not the copy beside the tests: the test project references
    /// ASP.NET Core (for the fake servers), so the Microsoft.Extensions assemblies are not copied there, and
    /// SofaBot.dll, which runs on Microsoft.NETCore.App alone, cannot start from that folder.</summary>
    public static string Program { get; } = Path.Combine(
        TestPaths.RepositoryRoot, "src", "SofaBot", "bin",
        typeof(ProgramProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration,
        Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)),
        "SofaBot.dll");

    public static Task<(int Exit, string Output, string Error)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        Assert.True(File.Exists(Program), $"{Program} is not built");
        return ChildProcess.RunAsync("dotnet", [Program, .. args], workingDirectory, environment.ToDictionary(e => e.Key, e => (string?)e.Value), TimeSpan.FromMinutes(1));
    }
}
