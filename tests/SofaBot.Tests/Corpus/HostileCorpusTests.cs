using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SofaBot.Corpus;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Corpus;

/// <summary>A corpus folder that could take the host down (issue 13, point 5): link loops, FIFOs, links to devices,
/// YAML alias bombs and file names with control characters. Each is refused with a warning naming it, and the other
/// weeklies still load. Loading runs under a one-minute guard, so a regression fails instead of hanging the run.</summary>
public sealed class HostileCorpusTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_symlink_loop_is_followed_once_and_the_weeklies_still_load()
    {
        _dir.Write("good.md", HostileCorpus.Weekly("good"));
        _dir.Write("sub/nested.md", HostileCorpus.Weekly("nested"));
        // three ways back up: every path through them is another copy of the tree, 3^40 of them before Linux says ELOOP
        Directory.CreateSymbolicLink(_dir.Combine("loop"), ".");
        Directory.CreateSymbolicLink(_dir.Combine("sub/up"), "..");
        Directory.CreateSymbolicLink(_dir.Combine("sub/again"), _dir.Path);

        var kb = await LoadGuardedAsync();

        Assert.Equal(["good.md", "sub/nested.md"], kb.Weeklies.Select(w => w.File).Order(StringComparer.Ordinal));
        Assert.Equal(2, kb.Pairs.Count);
        foreach (var link in (string[])["loop", "sub/up", "sub/again"])
        {
            var warning = Assert.Single(kb.Warnings, w => w.File == link);
            Assert.Contains("already read", warning.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_link_to_a_folder_elsewhere_is_read_once_under_its_link()
    {
        using var elsewhere = new TempDirectory();
        elsewhere.Write("shared.md", HostileCorpus.Weekly("shared"));
        _dir.Write("good.md", HostileCorpus.Weekly("good"));
        Directory.CreateSymbolicLink(_dir.Combine("linked"), elsewhere.Path);
        Directory.CreateSymbolicLink(_dir.Combine("linked-again"), elsewhere.Path);

        var kb = await LoadGuardedAsync();

        Assert.Equal(["good.md", "linked/shared.md"], kb.Weeklies.Select(w => w.File).Order(StringComparer.Ordinal));
        Assert.Contains(kb.Warnings, w => w.File == "linked-again" && w.Message.Contains("already read as \"linked\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fifo_named_md_is_skipped_without_being_opened()
    {
        _dir.Write("good.md", HostileCorpus.Weekly("good"));
        HostileCorpus.MakeFifo(_dir.Combine("pipe.md"));

        var kb = await LoadGuardedAsync();

        Assert.Single(kb.Pairs);
        Assert.Equal(1, kb.Stats.FilesSkipped);
        var warning = Assert.Single(kb.Warnings, w => w.File == "pipe.md");
        Assert.Equal("pipe.md: skipped: a named pipe (FIFO), not a regular file", warning.ToString());
    }

    [Fact]
    public async Task A_socket_named_md_is_skipped_without_being_opened()
    {
        _dir.Write("good.md", HostileCorpus.Weekly("good"));
        HostileCorpus.RequireLinux();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(_dir.Combine("socket.md")));

        var kb = await LoadGuardedAsync();

        Assert.Single(kb.Pairs);
        var warning = Assert.Single(kb.Warnings, w => w.File == "socket.md");
        Assert.Equal("socket.md: skipped: a socket, not a regular file", warning.ToString());
    }

    [Fact]
    public async Task A_link_to_dev_zero_is_refused_by_its_type_without_reading_it()
    {
        HostileCorpus.RequireLinux();
        _dir.Write("good.md", HostileCorpus.Weekly("good"));
        File.CreateSymbolicLink(_dir.Combine("x.md"), "/dev/zero");

        var kb = await LoadGuardedAsync();

        Assert.Single(kb.Pairs);
        var warning = Assert.Single(kb.Warnings, w => w.File == "x.md");
        Assert.Equal("x.md: skipped: a character device (the link leads to /dev/zero), not a regular file", warning.ToString());
    }

    [Fact]
    public async Task Dangling_and_looping_file_links_are_skipped_with_the_reason()
    {
        _dir.Write("good.md", HostileCorpus.Weekly("good"));
        File.CreateSymbolicLink(_dir.Combine("gone.md"), _dir.Combine("no-such-file.md"));
        File.CreateSymbolicLink(_dir.Combine("a.md"), "b.md");
        File.CreateSymbolicLink(_dir.Combine("b.md"), "a.md");

        var kb = await LoadGuardedAsync();

        Assert.Single(kb.Pairs);
        Assert.Equal(3, kb.Stats.FilesSkipped);
        Assert.All(["gone.md", "a.md", "b.md"], file => Assert.Contains(kb.Warnings, w => w.File == file && w.Message.StartsWith("skipped: cannot be read", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_yaml_alias_bomb_in_front_matter_is_refused_at_its_first_alias_and_the_weekly_still_loads()
    {
        _dir.Write("good.md", HostileCorpus.Weekly("good"));
        _dir.Write("bomb.md", HostileCorpus.Weekly("bomb", HostileCorpus.AliasBomb(levels: 12)));
        // the same bomb on one line: the line-by-line reading of broken front matter must refuse it too
        _dir.Write("one-line-bomb.md", HostileCorpus.Weekly("one line", "bomb: {" + HostileCorpus.AliasBomb(levels: 12).Replace("\n", ", ", StringComparison.Ordinal) + "}"));

        var kb = await LoadGuardedAsync();

        Assert.Equal(3, kb.Pairs.Count);
        Assert.Equal(["SOFA Weekly | bomb", "SOFA Weekly | good", "SOFA Weekly | one line"], kb.Weeklies.Select(w => w.Title).Order(StringComparer.Ordinal));
        // the front matter is refused where the first alias is (line 5 of the file), before any work on the aliases
        var bomb = Assert.Single(kb.Warnings, w => w.File == "bomb.md");
        Assert.Equal(5, bomb.Line);
        Assert.StartsWith("front matter uses a YAML alias (*l0)", bomb.Message, StringComparison.Ordinal);
        var oneLine = Assert.Single(kb.Warnings, w => w.File == "one-line-bomb.md");
        Assert.Equal(4, oneLine.Line);
        Assert.StartsWith("front matter uses a YAML alias (*l0)", oneLine.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_name_with_control_characters_cannot_forge_warning_lines()
    {
        HostileCorpus.RequireLinux();
        const string name = "evil\nforged.md:1: all good\u001b[2K\r.md";
        _dir.Write("good.md", HostileCorpus.Weekly("good"));
        _dir.WriteBytes(name, [0x00, 0x01]);

        var kb = await LoadGuardedAsync();

        Assert.Single(kb.Pairs);
        var warning = Assert.Single(kb.Warnings);
        Assert.Equal(@"evil\nforged.md:1: all good\u001b[2K\r.md: skipped: binary file (contains NUL bytes), not a weekly", warning.ToString());
        Assert.DoesNotContain(warning.ToString(), char.IsControl);
    }

    [Fact]
    public async Task A_front_matter_value_with_a_newline_cannot_forge_warning_lines_either()
    {
        _dir.Write("good.md", HostileCorpus.Weekly("good").Replace("date: 2021-11-19T15:00:00+08:00", "date: \"soon\\nforged.md:1: all good\"", StringComparison.Ordinal));

        var kb = await LoadGuardedAsync();

        var warning = Assert.Single(kb.Warnings, w => w.Message.Contains("not a date", StringComparison.Ordinal));
        Assert.Equal(@"good.md:3: front matter 'date' is not a date: ""soon\nforged.md:1: all good""", warning.ToString());
    }

    [Fact]
    public async Task A_weekly_whose_name_has_a_newline_gets_ids_and_messages_without_it_and_unlike_any_other_name()
    {
        HostileCorpus.RequireLinux();
        _dir.Write("sofa-weekly-2021\n1119.md", HostileCorpus.Weekly("newline"));
        // a backslash and an n: escaped too (a backslash is written \\), so the two names never print the same
        _dir.Write(@"sofa-weekly-2021\n1119.md", HostileCorpus.Weekly("backslash"));

        var kb = await LoadGuardedAsync();

        var pair = Assert.Single(kb.Pairs, p => p.Weekly.Title.EndsWith("newline", StringComparison.Ordinal));
        Assert.Equal(@"sofa-weekly-2021\n1119.md", pair.Weekly.File);
        Assert.Equal(@"sofa-weekly-2021\n1119:1", pair.Id);
        Assert.Equal(@"sofa-weekly-2021\\n1119.md", Assert.Single(kb.Pairs, p => p != pair).Weekly.File);
    }

    [Fact]
    public async Task A_folder_with_every_hazard_loads_the_good_weeklies_and_names_each_bad_file()
    {
        HostileCorpus.Create(_dir);

        var kb = await LoadGuardedAsync();

        Assert.Equal(["good.md", "sub/nested.md"], kb.Pairs.Select(p => p.Weekly.File).Where(f => !f.Contains("bomb", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var bad in (string[])["loop", "pipe.md", "zero.md", "bomb.md", @"forged\n.md"])
        {
            Assert.Contains(kb.Warnings, w => w.File == bad);
        }
    }

    [Fact]
    public async Task Serve_listens_and_is_healthy_with_every_hazard_in_its_corpus()
    {
        HostileCorpus.Create(_dir);
        using var state = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Corpus__Path"] = _dir.Path,
            ["Storage__Sqlite__ConnectionString"] = $"Data Source={state.Combine("sofabot.db")}",
            ["Retrieval__Snapshot__Folder"] = state.Combine("index"),
        };

        // StartAsync waits (at most a minute) for the line saying it listens
        await using var serve = await ServeProcess.StartAsync(state.Path, environment);
        using var client = new HttpClient();
        var health = await client.GetAsync(serve.Url + "/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private Task<KnowledgeBase> LoadGuardedAsync() => Task.Run(() => TestCorpus.Load(_dir.Path)).WaitAsync(Guard);

    public void Dispose() => _dir.Dispose();
}

/// <summary>The hazards of <see cref="HostileCorpusTests"/>, also used by the test that serves such a folder.</summary>
public static class HostileCorpus
{
    public static string Weekly(string title, string extraFrontMatter = "") => $"""
        ---
        title: "SOFA Weekly | {title}"
        date: 2021-11-19T15:00:00+08:00
        {extraFrontMatter}
        ---

        ### 每周读者问答提炼

        **@爱德华** 提问：

        > 请教一下，SOFAJRaft 在 leader 晋升后，给每个 follower 发送的探测请求是什么？（{title}）

        A：是为了探测该 follower 与 leader 的日志差异。

        SOFAJRaft：[https://github.com/sofastack/sofa-jraft](https://github.com/sofastack/sofa-jraft)
        """;

    /// <summary>Nested aliases used as mapping keys: YamlDotNet hashes a mapping key by its whole content, so every
    /// level costs about nine times the one below (the report: 207 s from 461 bytes).</summary>
    public static string AliasBomb(int levels)
    {
        var yaml = new StringBuilder("l0: &l0 [x, x]");
        for (var level = 1; level <= levels; level++)
        {
            var below = $"*l{level - 1}";
            yaml.Append(CultureInfo.InvariantCulture, $"\nl{level}: &l{level} {{{below} : [{string.Join(", ", Enumerable.Repeat(below, 8))}]}}");
        }

        return yaml.ToString();
    }

    /// <summary>Every hazard at once, next to two good weeklies (<c>good.md</c>, <c>sub/nested.md</c>).</summary>
    public static void Create(TempDirectory dir)
    {
        dir.Write("good.md", Weekly("good"));
        dir.Write("sub/nested.md", Weekly("nested"));
        Directory.CreateSymbolicLink(dir.Combine("loop"), ".");
        Directory.CreateSymbolicLink(dir.Combine("sub/up"), "..");
        MakeFifo(dir.Combine("pipe.md"));
        File.CreateSymbolicLink(dir.Combine("zero.md"), "/dev/zero");
        dir.Write("bomb.md", Weekly("bomb", AliasBomb(levels: 12)));
        dir.WriteBytes("forged\n.md", [0x00]);
    }

    public static void MakeFifo(string path)
    {
        RequireLinux();
        using var mkfifo = Process.Start("/usr/bin/mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>FIFOs, sockets, /dev/zero, the file type check and names with newlines or backslashes are Linux's;
    /// elsewhere these tests are skipped.</summary>
    public static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new SkipTestException("FIFOs, sockets, /dev/zero, the file type check and file names with control characters are tested on Linux only");
        }
    }
}
