using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SofaBot.Tests.Fixtures;

/// <summary><c>dotnet SofaBot.dll serve</c> as an operator runs it: its own process, configured by environment
/// variables, stopped with SIGTERM.</summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServeProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Everything the process printed so far, stdout and stderr.</summary>
    public string Output => string.Join('\n', _lines);

    public string Url { get; private set; } = "";

    /// <param name="workingDirectory">Where it runs (its content root is the program's folder).</param>
    /// <param name="environment">Its settings, as environment variables.</param>
    /// <param name="urls">Where it listens (default: a free port on loopback).</param>
    public static async Task<ServeProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string urls = "http://127.0.0.1:0")
    {
        Assert.True(File.Exists(ProgramProcess.Program), $"{ProgramProcess.Program} is not built");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { ProgramProcess.Program, "serve", "--urls", urls })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var serve = new ServeProcess(Process.Start(start)!);
        serve._process.OutputDataReceived += (_, e) => serve.Add(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Add(e.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();

        string listening;
        try
        {
            listening = await serve.WaitForLineAsync(ListeningLine());
        }
        catch
        {
            // a serve that never listens (the bug a test looks for) must not outlive the test, still loading
            await serve.DisposeAsync();
            throw;
        }

        // a wildcard address is reached on loopback
        serve.Url = "http://127.0.0.1:" + ListeningLine().Match(listening).Groups["port"].Value;
        return serve;
    }

    /// <summary>Waits (safety net of 60 s) until a line matches.</summary>
    public async Task<string> WaitForLineAsync(Regex pattern)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_lines.FirstOrDefault(pattern.IsMatch) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"serve exited with {_process.ExitCode}:\n{Output}");
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Sends SIGTERM, as a service manager does, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or an OOM kill; nothing of it runs on the way out.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"Now listening on: http://(?<host>127\.0\.0\.1|0\.0\.0\.0):(?<port>\d+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
