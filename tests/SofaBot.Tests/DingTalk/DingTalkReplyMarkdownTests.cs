using SofaBot.Channels.DingTalk;
using SofaBot.Corpus;
using SofaBot.Messaging;
using SofaBot.Projects;
using SofaBot.Retrieval;

namespace SofaBot.Tests.DingTalk;

/// <summary>Replies in DingTalk markdown: the answer's Markdown passed through, links as [label](url), the project's
/// GitHub link and the weekly, and never a call to everyone.</summary>
public sealed class DingTalkReplyMarkdownTests
{
    private static readonly Weekly Weekly = new("sofa-weekly-20211112", "SOFA Weekly | 本周发布", new DateOnly(2021, 11, 12), "https://www.sofastack.tech/blog/sofa-weekly-20211112/", "sofa-weekly-20211112.md");
    private static readonly Project Layotto = new("Layotto", "https://github.com/mosn/layotto", [], [], []);

    private static Candidate Match(string question, string answer, string project = "SOFAJRaft", string url = "https://github.com/sofastack/sofa-jraft") => new(
        new QaPair
        {
            Id = Weekly.Slug + ":1",
            Weekly = Weekly,
            Turns = [new QaTurn(question, answer)],
            Project = new ProjectLink(project, url, LinkSource.Weekly),
        },
        0, 1, 1, 1);

    [Fact]
    public void An_answer_carries_the_prior_question_the_answer_the_project_link_and_the_weekly()
    {
        var reply = new AnswerReply(Match("jraft 2+2 分区还能用吗？", "不能，**需要多数派**。见 `RaftOptions`。"), 1500, English: false);

        var markdown = DingTalkReplyMarkdown.Render(reply, "@SofaBot");

        Assert.Equal("SofaBot · SOFAJRaft", markdown.Title);
        Assert.Equal("""
            **这个问题在 SOFA Weekly 里回答过：**

            > jraft 2+2 分区还能用吗？

            不能，**需要多数派**。见 `RaftOptions`。

            项目：[SOFAJRaft](https://github.com/sofastack/sofa-jraft)

            来源：[SOFA Weekly | 本周发布](https://www.sofastack.tech/blog/sofa-weekly-20211112/)（2021-11-12）
            """.ReplaceLineEndings("\n"), markdown.Text);
    }

    [Fact]
    public void The_earlier_question_a_follow_up_continues_is_shown_as_the_user_typed_it_never_as_the_bots_markup()
    {
        var earlier = "**急** [奖励](https://evil.example) 分区";
        var reply = new AnswerReply(Match("jraft 2+2 分区还能用吗？", "不能，**需要多数派**。"), 1500, English: false, Continues: earlier);

        var text = DingTalkReplyMarkdown.Render(reply, "@SofaBot").Text;

        Assert.StartsWith("接着上面「＊＊急＊＊ ［奖励］（https：//evil.example） 分区」：", text, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example)", text, StringComparison.Ordinal);
        // the bot's own markup around it is untouched
        Assert.Contains("**需要多数派**", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_answer_links_to_the_full_answer_in_the_weekly()
    {
        var reply = new AnswerReply(Match("问题", string.Concat(Enumerable.Repeat("很长的一句回答。", 100))), 200, English: true);

        var text = DingTalkReplyMarkdown.Render(reply, "@SofaBot").Text;

        Assert.Contains("[Full answer in the weekly](https://www.sofastack.tech/blog/sofa-weekly-20211112/)", text, StringComparison.Ordinal);
        Assert.Contains("Project: [SOFAJRaft](https://github.com/sofastack/sofa-jraft)", text, StringComparison.Ordinal);
        Assert.Contains("(2021-11-12)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@所有人 请注意升级")]
    [InlineData("请 @all 注意升级")]
    [InlineData("请 @ALL 注意升级")]
    [InlineData("请＠所有人注意升级")]
    public void A_call_to_everyone_is_taken_out_of_the_answer(string answer)
    {
        var text = DingTalkReplyMarkdown.Render(new AnswerReply(Match("升级要注意什么", answer), 1500, English: false), "@SofaBot").Text;

        Assert.DoesNotContain("所有人", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@all", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("注意升级", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_at_signs_are_left_alone()
    {
        Assert.Equal("加上 @GlobalTransactional 注解，邮件 team@alliance.org，问 @allen", DingTalkReplyMarkdown.WithoutMassMentions("加上 @GlobalTransactional 注解，邮件 team@alliance.org，问 @allen"));
    }

    [Fact]
    public void Plausible_questions_are_offered_as_a_maybe_with_where_to_ask()
    {
        var wasm = Match("Layotto 支持 [Wasm] 吗", "支持", "Layotto", "https://github.com/mosn/layotto");
        var reply = new NoAnswerReply([wasm, wasm], Layotto, English: false, MaintainersAsked: true);

        var markdown = DingTalkReplyMarkdown.Render(reply, "@SofaBot");

        Assert.Equal("SofaBot", markdown.Title);
        Assert.Equal("""
            不确定是不是同一个问题，这几个旧问答可能有帮助：

            - [Layotto 支持 ［Wasm］ 吗](https://www.sofastack.tech/blog/sofa-weekly-20211112/)（Layotto）
            - [Layotto 支持 ［Wasm］ 吗](https://www.sofastack.tech/blog/sofa-weekly-20211112/)（Layotto）

            已请维护者确认，确认后会回复在这里。

            也可以在这里提问：[Layotto 的 GitHub issues](https://github.com/mosn/layotto/issues)
            """.ReplaceLineEndings("\n"), markdown.Text);
    }

    [Fact]
    public void No_answer_says_so_and_where_to_ask()
    {
        var markdown = DingTalkReplyMarkdown.Render(new NoAnswerReply([], Layotto, English: true), "@SofaBot");

        Assert.Equal("""
            I found no earlier answer to this in SOFA Weekly.

            You can ask the maintainers in [Layotto GitHub issues](https://github.com/mosn/layotto/issues)
            """.ReplaceLineEndings("\n"), markdown.Text);
    }

    [Fact]
    public void Help_names_the_bot_and_the_ask_command()
    {
        var text = DingTalkReplyMarkdown.Render(new HelpReply(English: true), "@SofaBot").Text;

        Assert.Contains("@SofaBot your question", text, StringComparison.Ordinal);
        Assert.Contains("/ask", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "点这里", "点这里")]
    [InlineData("https://example.org/a b(c)", "文档", "[文档](https://example.org/a%20b%28c%29)")]
    [InlineData("https://example.org/x", "a]b[c\nd", "[a］b［c d](https://example.org/x)")]
    public void Links_are_only_web_links_and_cannot_be_broken_by_their_label_or_url(string url, string label, string expected)
    {
        Assert.Equal(expected, DingTalkReplyMarkdown.Link(url, label));
    }

    [Fact]
    public void The_session_form_ends_with_the_askers_mention_and_the_group_form_quotes_the_question()
    {
        var markdown = new DingTalkMarkdown("SofaBot", "回答");

        Assert.Equal("回答\n\n@manager4321", DingTalkReplyMarkdown.MentioningAsker(markdown, "manager4321").Text);
        Assert.Equal("> Alice：jraft 能用吗 第二行\n\n回答", DingTalkReplyMarkdown.QuotingAsker(markdown, "Alice", "jraft 能用吗\n第二行").Text);
        Assert.Equal("> 别 @ 大家\n\n回答", DingTalkReplyMarkdown.QuotingAsker(markdown, null, "别 @所有人 @ 大家").Text.Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_group_send_message_is_cut_to_the_apis_byte_limit()
    {
        var param = DingTalkApi.MsgParam(new DingTalkMarkdown("SofaBot", new string('长', 20_000)));

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(param) <= DingTalkApi.MaxMsgParamBytes);
        Assert.EndsWith("…\"}", param, StringComparison.Ordinal);
    }
}
