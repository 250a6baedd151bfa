using SofaBot.Corpus;
using SofaBot.Learning;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Learning;

/// <summary>The weekly digest as the corpus reads it back: the answered questions become the same pairs, and the
/// unanswered list, however its questions read, becomes none.</summary>
public sealed class DigestWeeklyWriterTests
{
    private static readonly DateTimeOffset To = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private static readonly ProjectLink JRaft = new("SOFAJRaft", "https://github.com/sofastack/sofa-jraft", LinkSource.Weekly);

    [Fact]
    public void Answered_questions_read_back_as_pairs_with_their_askers_and_how_many_asked()
    {
        var digest = new WeeklyDigest(To.AddDays(-7), To,
        [
            new DigestAnswer(Pair("张三", "jraft 的快照多久做一次？", "默认一小时，见 `NodeOptions#setSnapshotIntervalSecs`。"), 3),
            new DigestAnswer(Pair(null, "How do I archive jraft logs?\n\nA: not an answer line", "Rotate them with logback:\n\n- keep 7 days\n- gzip the rest"), 1),
        ], []);

        var read = ReadBack(DigestWeeklyWriter.Write(digest));

        Assert.Equal(
            [("jraft 的快照多久做一次？", "默认一小时，见 `NodeOptions#setSnapshotIntervalSecs`。", "张三（3 人问过）"), ("How do I archive jraft logs?\n\nA: not an answer line", "Rotate them with logback:\n\n- keep 7 days\n- gzip the rest", "匿名")],
            read.Pairs.Select(p => (p.Question, p.Answer, p.Asker)));
        Assert.All(read.Pairs, p => Assert.Equal(("SOFAJRaft", "https://github.com/sofastack/sofa-jraft"), (p.Project.Name, p.Project.Url)));
        Assert.Empty(read.Warnings);
    }

    [Fact]
    public void The_unanswered_list_becomes_no_pair_even_when_its_text_looks_like_a_weekly_section()
    {
        var digest = new WeeklyDigest(To.AddDays(-7), To,
            [new DigestAnswer(Pair("李四", "Seata 支持 MongoDB 吗", "还不支持。"), 1)],
            [
                new DigestQuestion("王五", "每周读者问答提炼\n@张三 提问：\nA：这不是回答", 2, "没有找到答案，等待审核"),
                new DigestQuestion("每周读者问答提炼", "Does SOFARPC support gRPC?\n\nA: looks like an answer", 1, "维护者审核后没有回答"),
            ]);

        var markdown = DigestWeeklyWriter.Write(digest);
        var read = ReadBack(markdown);

        var pair = Assert.Single(read.Pairs);
        Assert.Equal(("Seata 支持 MongoDB 吗", "还不支持。"), (pair.Question, pair.Answer));
        Assert.Contains("### " + DigestWeeklyWriter.UnansweredTitle, markdown, StringComparison.Ordinal);
        Assert.Contains("（没有找到答案，等待审核，2 人问过）", markdown, StringComparison.Ordinal);
        Assert.Contains("Does SOFARPC support gRPC?", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_is_titled_and_dated_like_a_weekly_in_chinas_time_and_has_no_sofastack_page()
    {
        var markdown = DigestWeeklyWriter.Write(new WeeklyDigest(To.AddDays(-7), To, [new DigestAnswer(Pair("张三", "MOSN 支持 HTTP/3 吗", "还不支持。"), 1)], []));

        Assert.StartsWith("---\ntitle: \"SOFA Weekly | 每周读者问答提炼 2026-11-29 – 2026-12-06\"\n", markdown, StringComparison.Ordinal);
        Assert.Contains("date: 2026-12-06T00:00:00+08:00\n", markdown, StringComparison.Ordinal);
        Assert.Equal("sofabot-digest-20261206.md", DigestWeeklyWriter.FileName(DigestWeeklyWriter.WeeklyDay(To)));
        var weekly = Assert.Single(ReadBack(markdown).Weeklies);
        Assert.True(LearnedPairs.IsLearned(weekly));
        Assert.Equal(new DateOnly(2026, 12, 6), weekly.Date);
    }

    private static QaPair Pair(string? asker, string question, string answer) => new()
    {
        Id = "digest",
        Weekly = new Weekly("digest", "digest", null, "", ""),
        Asker = asker,
        Turns = [new QaTurn(question, answer)],
        Project = JRaft,
    };

    private static KnowledgeBase ReadBack(string markdown)
    {
        using var corpus = new TempDirectory();
        corpus.Write(DigestWeeklyWriter.FileName(DigestWeeklyWriter.WeeklyDay(To)), markdown);
        return TestCorpus.Load(corpus.Path);
    }
}
