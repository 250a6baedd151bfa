using System.Text;
using SofaBot.Corpus;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Corpus;

/// <summary>Bad input gets a clear message naming what was wrong, and never stops the other weeklies.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string GoodWeekly = """
        ---
        title: "SOFA Weekly | good"
        date: 2021-11-19T15:00:00+08:00
        ---

        ### 每周读者问答提炼

        **@爱德华** 提问：

        > 请教一下，SOFAJRaft 在 leader 晋升后，给每个 follower 发送的探测请求是什么？

        A：是为了探测该 follower 与 leader 的日志差异。

        SOFAJRaft：[https://github.com/sofastack/sofa-jraft](https://github.com/sofastack/sofa-jraft)
        """;

    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_missing_folder_is_a_clear_error_naming_the_path()
    {
        var missing = _dir.Combine("no-such-folder");
        var error = Assert.Throws<CorpusNotFoundException>(() => TestCorpus.Load(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_loads_nothing_and_says_so()
    {
        var kb = TestCorpus.Load(_dir.Path);
        Assert.Empty(kb.Pairs);
        Assert.Equal(0, kb.Stats.FilesRead);
        Assert.Contains(kb.Warnings, w => w.Message.Contains("no weekly files", StringComparison.Ordinal));
    }

    [Fact]
    public void A_binary_file_is_skipped_and_the_others_still_load()
    {
        _dir.Write("good.md", GoodWeekly);
        _dir.WriteBytes("image.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]);

        var kb = TestCorpus.Load(_dir.Path);

        Assert.Single(kb.Pairs);
        Assert.Equal(1, kb.Stats.FilesSkipped);
        Assert.Contains(kb.Warnings, w => w.File == "image.md" && w.Message.Contains("binary", StringComparison.Ordinal));
    }

    [Fact]
    public void A_50_MB_file_is_skipped_without_reading_it()
    {
        _dir.Write("good.md", GoodWeekly);
        using (var huge = File.Create(_dir.Combine("huge.md")))
        {
            huge.SetLength(50L * 1024 * 1024);
        }

        var kb = TestCorpus.Load(_dir.Path);

        Assert.Single(kb.Pairs);
        var warning = Assert.Single(kb.Warnings, w => w.File == "huge.md");
        Assert.Contains("50 MB is over the 4 MB limit (Corpus:MaxFileMegabytes)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_only_a_title_says_it_has_no_content()
    {
        _dir.Write("title-only.md", "---\ntitle: \"SOFA Weekly | 空\"\ndate: 2022-01-07T15:00:00+08:00\n---\n");
        _dir.Write("heading-only.md", "# SOFA Weekly\n");

        var kb = TestCorpus.Load(_dir.Path);

        Assert.Equal(2, kb.Stats.FilesRead);
        Assert.Contains(kb.Warnings, w => w.ToString() == "title-only.md:1: the file has no content besides its title");
        Assert.Contains(kb.Warnings, w => w.ToString() == "heading-only.md:1: the file has no content besides its title");
    }

    [Fact]
    public void Broken_front_matter_is_reported_with_file_and_line_and_the_pairs_still_load()
    {
        _dir.Write("broken.md", GoodWeekly.Replace("title: \"SOFA Weekly | good\"", "title: \"SOFA Weekly | good\ntags: [unclosed", StringComparison.Ordinal));
        _dir.Write("unclosed.md", "---\ntitle: x\n\n### 每周读者问答提炼\n\n**@a** 提问：\n> 问？\n\nA：答。\n");

        var kb = TestCorpus.Load(_dir.Path);

        var broken = Assert.Single(kb.Warnings, w => w.File == "broken.md");
        Assert.Contains("front matter is not valid YAML", broken.Message, StringComparison.Ordinal);
        Assert.InRange(broken.Line!.Value, 2, 4);
        Assert.Contains(kb.Warnings, w => w.ToString() == "unclosed.md:1: front matter is not closed: the opening '---' has no closing '---'");
        Assert.Equal(2, kb.Pairs.Count);
        Assert.Equal(new DateOnly(2021, 11, 19), kb.Pairs.Single(p => p.Weekly.File == "broken.md").Weekly.Date);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_skipped_with_a_hint()
    {
        _dir.Write("good.md", GoodWeekly);
        // "提问" in GBK: a weekly saved in the wrong encoding
        _dir.WriteBytes("gbk.md", [.. Encoding.ASCII.GetBytes("**@a** "), 0xCC, 0xE1, 0xCE, 0xCA]);

        var kb = TestCorpus.Load(_dir.Path);

        Assert.Single(kb.Pairs);
        Assert.Contains(kb.Warnings, w => w.File == "gbk.md" && w.Message.Contains("not UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void A_qa_section_the_parser_cannot_follow_is_reported_by_line()
    {
        _dir.Write("odd.md", """
            ### 每周读者问答提炼

            A：一个没有问题的回答。

            **@张宁** 提问：

            >snapshot 做起来，打快照后会删除日志的。

            **@空** 提问：

            A：只有回答。

            ### 本周推荐阅读
            """);
        _dir.Write("no-pairs.md", "# SOFA Weekly\n\n### 每周读者问答提炼\n\n感谢大家的提问，本周没有精选。\n");

        var kb = TestCorpus.Load(_dir.Path);

        var warnings = kb.Warnings.Select(w => w.ToString()).ToList();
        Assert.Contains("odd.md:3: an answer (A：) with no question before it; skipped", warnings);
        Assert.Contains("odd.md:5: the question of @张宁 has no answer (A：); kept without one", warnings);
        Assert.Contains("odd.md:9: @空 has no question after it; skipped", warnings);
        Assert.Contains("no-pairs.md:3: a Q&A section with no pair the parser could follow (expected \"@asker 提问：\", a question, \"A：\")", warnings);
        Assert.Equal("张宁", Assert.Single(kb.Pairs).Asker);
    }

    [Fact]
    public void Messages_never_hang_or_throw_on_garbage()
    {
        var random = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            const string alphabet = "#>*_[]()!`<>@：:A提问\n\r 「」-1、.|~\\&;";
            var chars = Enumerable.Range(0, 4000).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            _dir.Write($"garbage-{i}.md", new string(chars));
        }

        var kb = TestCorpus.Load(_dir.Path);

        Assert.Equal(20, kb.Stats.FilesRead);
    }

    public void Dispose() => _dir.Dispose();
}
