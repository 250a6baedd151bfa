using SofaBot.Answering;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Answering;

/// <summary>Questions typed the way people type them in a group (register, typos, versions, English, follow-ups)
/// get the answer the plain question gets.</summary>
public sealed class ChatReadingTests
{
    private const string Plain = "tengine 能用 BabaSSL 吗";
    private const string TongsuoPair = "sofa-weekly-20220318:2";
    private const string JRaftLogsPair = "sofa-weekly-20211203:4";

    [Theory]
    [InlineData("大佬们求助，tengine 能用 BabaSSL 吗？在线等，挺急的 🙏")]
    [InlineData("@所有人 tengine 能用 BabaSSL 吗 thx")]
    [InlineData("tengine 能用 BabaSSL 吗，谢谢大家了")]
    public async Task Greetings_pleas_and_thanks_cost_the_answer_nothing(string message)
    {
        var plain = await DecideAsync(Plain);
        var chatty = await DecideAsync(message);

        Assert.Equal(DecisionKind.Answer, chatty.Kind);
        Assert.Equal(plain.Best!.Pair.Id, chatty.Best!.Pair.Id);
        Assert.Null(chatty.Evidence!.MissingName);
        Assert.True(Math.Abs(plain.Confidence - chatty.Confidence) < 0.03f, $"{chatty.Confidence:0.00} against {plain.Confidence:0.00}");
    }

    [Fact]
    public async Task Without_taking_out_the_register_a_thanks_is_a_word_the_weeklies_never_use()
    {
        var retrieval = TestIndex.RetrievalOptions();
        retrieval.Reading.StripChatRegister = false;
        var index = await TestIndex.BuildAsync(TestCorpus.Load(TestPaths.BundledCorpus), retrieval);

        var decision = await index.DecideAsync("tengine 能用 BabaSSL 吗 thx");

        Assert.Equal("thx", decision.Evidence!.MissingName);
    }

    [Fact]
    public async Task A_typo_of_a_project_name_is_read_as_the_project_and_links_to_it()
    {
        var decision = await DecideAsync("What are the advantages of sofaprc compared with Dubbo?");

        Assert.Equal(DecisionKind.Answer, decision.Kind);
        Assert.Equal("SOFARPC", decision.Best!.Pair.Project.Name);
        Assert.Contains("read sofaprc as sofarpc", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tengine 3.2 能用 BabaSSL 吗")]
    [InlineData("tengine v2.3.1 能用 BabaSSL 吗")]
    public async Task A_version_number_is_not_a_name_the_weeklies_never_mention(string message)
    {
        var decision = await DecideAsync(message);

        Assert.Null(decision.Evidence!.MissingName);
        Assert.Equal(TongsuoPair, decision.Best!.Pair.Id);
    }

    [Fact]
    public async Task The_glossary_bridges_english_words_to_the_corpus_chinese_ones()
    {
        var read = (await TestIndex.Bundled).Retriever.Analyzer.Analyze("how long are the logs kept");
        Assert.Contains(read.Terms, t => t.Term == "多久");
        Assert.Contains(read.Terms, t => t.Term == "保存");

        var retrieval = TestIndex.RetrievalOptions();
        retrieval.Reading.UseGlossary = false;
        var withoutGlossary = (await TestIndex.BuildAsync(TestCorpus.Load(TestPaths.BundledCorpus), retrieval)).Retriever.Analyzer.Analyze("how long are the logs kept");
        Assert.DoesNotContain(withoutGlossary.Terms, t => t.Term == "多久");
    }

    [Fact]
    public async Task A_reply_to_the_bots_answer_is_read_with_what_it_replies_to()
    {
        const string earlier = "tengine 现在能用 babassl 吗";
        const string reply = "那稳定版呢，啥时候能用";
        var index = await TestIndex.Bundled;

        var alone = await index.DecideAsync(reply);
        var continued = await index.DecideAsync(reply, await index.ContextAfterAsync(earlier));

        Assert.NotEqual(DecisionKind.Answer, alone.Kind);
        Assert.Equal(DecisionKind.Answer, continued.Kind);
        Assert.Equal(TongsuoPair, continued.Best!.Pair.Id);
        Assert.True(continued.Evidence!.Continues);
    }

    [Fact]
    public async Task Naming_another_project_than_the_matchs_is_a_hard_stop()
    {
        var decision = await DecideAsync("layotto 提供了日志归档或者自动删除的选项吗");

        Assert.Equal(JRaftLogsPair, decision.Best!.Pair.Id);
        Assert.True(decision.Evidence!.ProjectConflict);
        Assert.NotEqual(DecisionKind.Answer, decision.Kind);
        Assert.Contains("the message names Layotto, the match is about SOFAJRaft", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_the_matchs_own_words_name_is_no_conflict()
    {
        // the pair is filed under SOFAJRaft, and its question is about the logs bolt writes
        var decision = await DecideAsync("sofabolt 输出的日志能自动归档或者删除吗");

        Assert.Equal(JRaftLogsPair, decision.Best!.Pair.Id);
        Assert.False(decision.Evidence!.ProjectConflict);
        Assert.Equal(DecisionKind.Answer, decision.Kind);
    }

    private static async Task<AnswerDecision> DecideAsync(string message) => await (await TestIndex.Bundled).DecideAsync(message);
}
