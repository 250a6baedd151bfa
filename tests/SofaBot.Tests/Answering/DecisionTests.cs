using SofaBot.Answering;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Answering;

/// <summary>What SofaBot does with a message in a group: answer, suggest to maintainers, or stay silent.</summary>
public sealed class DecisionTests
{
    [Theory]
    [InlineData("谢谢大佬")]
    [InlineData("收到")]
    [InlineData("好的，感谢感谢🙏")]
    [InlineData("大家早上好")]
    [InlineData("哈哈哈哈哈")]
    [InlineData("+1 同问")]
    [InlineData("thanks a lot!")]
    [InlineData("Hi everyone")]
    [InlineData("ok got it")]
    [InlineData("感谢大佬，按你说的改完好了 👍")]
    [InlineData("thanks, upgrading the client fixed it")]
    public async Task Greetings_thanks_and_acknowledgements_are_ignored(string message)
    {
        var decision = await DecideAsync(message);

        Assert.Equal(DecisionKind.Ignore, decision.Kind);
        Assert.Empty(decision.Candidates);
    }

    [Theory]
    [InlineData("【活动】SOFAStack Meetup 上海站报名开启，扫码报名！")]
    [InlineData("直播预告：本周四晚 SOFAJRaft 源码解析，欢迎参加")]
    public async Task Announcements_are_ignored_even_when_they_name_a_project(string message)
    {
        Assert.Equal(DecisionKind.Ignore, (await DecideAsync(message)).Kind);
    }

    [Theory]
    [InlineData("redis 集群怎么搭建")]
    [InlineData("python 里怎么把一个 list 按某个字段排序？")]
    [InlineData("How do I center a div with CSS?")]
    [InlineData("kafka 的 acks=all 和 min.insync.replicas 怎么配合")]
    public async Task Questions_about_other_software_are_not_answered(string message)
    {
        var decision = await DecideAsync(message);

        Assert.Equal(DecisionKind.Ignore, decision.Kind);
    }

    [Theory]
    [InlineData("jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗")]
    [InlineData("What are the advantages of SOFARPC compared with Dubbo?")]
    [InlineData("谢谢！顺便问下 jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗")]
    public async Task A_question_the_weeklies_answered_gets_the_answer(string message)
    {
        var decision = await DecideAsync(message);

        Assert.Equal(DecisionKind.Answer, decision.Kind);
        Assert.True(decision.Confidence >= TestIndex.AnsweringOptions().AutoAnswerMinConfidence);
    }

    [Theory]
    [InlineData("SOFALookout 客户端能直接把指标推到 prometheus 吗", "SOFALookout 客户端能直接把指标推到 ES 吗", "prometheus")]
    [InlineData("tengine 能用 BabaSSL 的 QUIC 吗", "tengine 能用 BabaSSL 吗", "quic")]
    public async Task A_name_the_weeklies_never_mention_is_a_doubt_that_lowers_the_confidence_without_forbidding(string message, string without, string name)
    {
        var doubted = await DecideAsync(message);
        var plain = await DecideAsync(without);

        Assert.Equal(plain.Best?.Pair.Id, doubted.Best?.Pair.Id);
        Assert.True(doubted.Confidence < plain.Confidence, $"{doubted.Confidence:0.00} against {plain.Confidence:0.00}");
        Assert.Equal(name, doubted.Evidence!.MissingName, ignoreCase: true);
        Assert.Contains($"(lowered: the weeklies never mention \"{doubted.Evidence.MissingName}\")", doubted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_decision_says_why()
    {
        foreach (var message in new[] { "谢谢", "redis 集群怎么搭建", "tengine 能用 babassl 吗" })
        {
            Assert.False(string.IsNullOrWhiteSpace((await DecideAsync(message)).Reason));
        }
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "empty", "" },
        { "whitespace", " \t\r\n\u3000 " },
        { "100 KB", string.Concat(Enumerable.Repeat("jraft 选举超时怎么配置？", 8000))[..100_000] },
        { "100 KB of one character", new string('啊', 100_000) },
        { "emoji only", "😀🎉👍🏻🙏" },
        { "a link only", "https://github.com/sofastack/sofa-jraft/issues/934" },
        { "control characters", "\u0000\u0007\u001b[0m\u007f jraft" },
        { "a lone surrogate", "\ud83d jraft 选举" },
        { "mixed scripts", "jraft の leader 選挙 는 어떻게 работает? مرحبا" },
        { "bidirectional controls", "\u202ejraft\u202c 选举\u200b\u200d" },
        { "markdown and html", "<script>alert(1)</script> **jraft** `code` [x](javascript:alert(1))" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_decision_never_an_exception(string what, string message)
    {
        var decision = await DecideAsync(message);

        Assert.True(Enum.IsDefined(decision.Kind), what);
        Assert.NotNull(decision.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀🎉")]
    [InlineData("https://www.sofastack.tech/blog/sofa-weekly-20211119/")]
    public async Task Messages_without_words_are_ignored(string message)
    {
        Assert.Equal(DecisionKind.Ignore, (await DecideAsync(message)).Kind);
    }

    private static async Task<AnswerDecision> DecideAsync(string message) => await (await TestIndex.Bundled).DecideAsync(message);
}
