using SofaBot.Channels.Telegram;
using SofaBot.Corpus;
using SofaBot.Messaging;
using SofaBot.Projects;
using SofaBot.Retrieval;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Messaging;

/// <summary>The reply as the group reads it (the visible text of the Telegram rendering, which <c>ask</c> prints):
/// the prior question, the answer, the project, the weekly; and, when there is no confident answer, the honest
/// wording with or without plausible prior questions.</summary>
public sealed class ReplyWordingTests
{
    private static readonly Weekly Weekly = new("sofa-weekly-20211112", "SOFA Weekly | 本周发布", new DateOnly(2021, 11, 12), "https://www.sofastack.tech/blog/sofa-weekly-20211112/", "sofa-weekly-20211112.md");
    private static readonly Project Layotto = new("Layotto", "https://github.com/mosn/layotto", [], [], []);

    [Fact]
    public async Task A_chinese_reply_carries_the_answer_the_project_link_and_the_weekly()
    {
        var html = Html(new AnswerReply(await BestAsync("tengine 现在能用 babassl 吗"), 1500, English: false));

        Assert.Equal("""
            这个问题在 SOFA Weekly 里回答过：
            tengine 现在可使用 BabaSSL 了吗？
            tengine master 已经支持，稳定版还得等等。

            项目：Tongsuo
            来源：SOFA Weekly | Committer 聊天室、SOFAJRaft 本周发布、新手任务（2022-03-18）
            """.ReplaceLineEndings("\n"), TelegramHtml.VisibleText(html));
        Assert.Equal(
            new[]
            {
                ("Tongsuo", "https://github.com/Tongsuo-Project/Tongsuo"),
                ("SOFA Weekly | Committer 聊天室、SOFAJRaft 本周发布、新手任务", "https://www.sofastack.tech/blog/sofa-weekly-20220318/"),
            },
            TelegramHtml.Links(html));
    }

    [Fact]
    public async Task An_english_reply_has_english_labels()
    {
        var html = Html(new AnswerReply(await BestAsync("What are the advantages of SOFARPC compared with Dubbo?"), 1500, English: true));

        var text = TelegramHtml.VisibleText(html);
        Assert.StartsWith("This was answered in SOFA Weekly before:\n", text, StringComparison.Ordinal);
        Assert.Contains("\n\nProject: SOFARPC\nSource: SOFA Weekly", text, StringComparison.Ordinal);
        Assert.Contains(("SOFARPC", "https://github.com/sofastack/sofa-rpc"), TelegramHtml.Links(html));
        Assert.Equal("https://www.sofastack.tech/blog/sofa-weekly-20211203/", TelegramHtml.Links(html)[^1].Url);
    }

    [Fact]
    public async Task The_original_asker_is_not_pinged()
    {
        var best = await BestAsync("jraft 5 个节点挂一个，剩下四个 2:2 分区，集群还可用吗");

        Assert.DoesNotContain("@" + best.Pair.Asker, Html(new AnswerReply(best, 1500, English: false)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_answer_is_cut_at_a_sentence_and_links_to_the_full_answer_in_the_weekly()
    {
        var html = Html(new AnswerReply(await BestAsync("sofaregistry 跨 session 节点的数据怎么同步"), 60, English: false));

        var text = TelegramHtml.VisibleText(html);
        Assert.Contains("…\n完整回答见周报\n\n项目：", text, StringComparison.Ordinal);
        Assert.Contains(("完整回答见周报", "https://www.sofastack.tech/blog/sofa-weekly-20211210/"), TelegramHtml.Links(html));
        Assert.DoesNotContain("这个块数据比较少", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("短句。", 10, "短句。")]
    [InlineData("第一句话说完了。第二句话还很长很长很长很长。", 16, "第一句话说完了。…")]
    [InlineData("no sentence end in this long line of words", 20, "no sentence end in…")]
    public void Cut_keeps_short_text_and_cuts_long_text_at_a_sentence_end(string text, int max, string expected)
    {
        Assert.Equal(expected, TextCut.AtSentenceEnd(text, max));
    }

    [Fact]
    public void Plausible_prior_questions_are_offered_as_a_maybe_and_the_maintainers_said_to_be_asked()
    {
        var reply = new NoAnswerReply([Match("Layotto 支持 Wasm 吗"), Match("Layotto 的 wasm 怎么调试")], Layotto, English: false, MaintainersAsked: true);

        Assert.Equal("""
            不确定是不是同一个问题，这几个旧问答可能有帮助：
            • Layotto 支持 Wasm 吗（Layotto）
            • Layotto 的 wasm 怎么调试（Layotto）

            已请维护者确认，确认后会回复在这里。
            也可以在这里提问：Layotto 的 GitHub issues
            """.ReplaceLineEndings("\n"), TelegramHtml.VisibleText(Html(reply)));
        Assert.Equal(Weekly.SourceUrl, TelegramHtml.Links(Html(reply))[0].Url);
    }

    [Fact]
    public void Without_a_review_item_the_reply_does_not_say_the_maintainers_were_asked()
    {
        var reply = new NoAnswerReply([Match("Does Layotto support Wasm?")], Layotto, English: true, MaintainersAsked: false);

        Assert.Equal("""
            Not sure it is the same question; this earlier answer may help:
            • Does Layotto support Wasm? (Layotto)

            You can ask the maintainers in Layotto GitHub issues
            """.ReplaceLineEndings("\n"), TelegramHtml.VisibleText(Html(reply)));
    }

    [Theory]
    [InlineData(false, "SOFA Weekly 里没有找到回答过的类似问题。\n\n可以到这里问维护者：Layotto 的 GitHub issues")]
    [InlineData(true, "I found no earlier answer to this in SOFA Weekly.\n\nYou can ask the maintainers in Layotto GitHub issues")]
    public void Without_plausible_prior_questions_the_reply_says_there_is_no_earlier_answer_and_where_to_ask(bool english, string expected)
    {
        // the place to ask is the answer here; whether an item was opened changes nothing
        Assert.Equal(expected, TelegramHtml.VisibleText(Html(new NoAnswerReply([], Layotto, english, MaintainersAsked: true))));
        Assert.Equal(expected, TelegramHtml.VisibleText(Html(new NoAnswerReply([], Layotto, english))));
    }

    private static string Html(OutgoingReply reply) => TelegramReplyHtml.Render(reply, "@SofaBot");

    private static Candidate Match(string question) => new(
        new QaPair
        {
            Id = Weekly.Slug + ":1",
            Weekly = Weekly,
            Turns = [new QaTurn(question, "支持")],
            Project = new ProjectLink("Layotto", "https://github.com/mosn/layotto", LinkSource.Weekly),
        },
        0, 1, 1, 1);

    private static async Task<Candidate> BestAsync(string message) => (await (await TestIndex.Bundled).DecideAsync(message)).Best!;
}
