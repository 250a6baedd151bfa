using System.Diagnostics;
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

    public static async Task<(int Exit, string Output, string Error)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        Assert.True(File.Exists(Program), $"{Program} is not built");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
