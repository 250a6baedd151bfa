using SofaBot.Answering;
using SofaBot.Retrieval;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Answering;

/// <summary>The reply as the group sees it: the prior question, the answer, the project link, the weekly.</summary>
public sealed class ReplyFormatterTests
{
    [Fact]
    public async Task A_chinese_reply_carries_the_answer_the_project_link_and_the_weekly()
    {
        const string message = "tengine 现在能用 babassl 吗";
        var reply = ReplyFormatter.Format(await BestAsync(message), message, 1500);

        Assert.Equal("""
            这个问题在 SOFA Weekly 里回答过：
            > tengine 现在可使用 BabaSSL 了吗？
            tengine master 已经支持，稳定版还得等等。

            项目：Tongsuo https://github.com/Tongsuo-Project/Tongsuo
            来源：SOFA Weekly | Committer 聊天室、SOFAJRaft 本周发布、新手任务（2022-03-18） https://www.sofastack.tech/blog/sofa-weekly-20220318/
            """.ReplaceLineEndings("\n"), reply);
    }

    [Fact]
    public async Task An_english_message_gets_english_labels()
    {
        const string message = "What are the advantages of SOFARPC compared with Dubbo?";
        var reply = ReplyFormatter.Format(await BestAsync(message), message, 1500);

        Assert.StartsWith("This was answered in SOFA Weekly before:\n", reply, StringComparison.Ordinal);
        Assert.Contains("\nProject: SOFARPC https://github.com/sofastack/sofa-rpc\n", reply, StringComparison.Ordinal);
        Assert.Contains("Source: SOFA Weekly", reply, StringComparison.Ordinal);
        Assert.EndsWith("https://www.sofastack.tech/blog/sofa-weekly-20211203/", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_original_asker_is_not_pinged()
    {
        const string message = "jraft 5 个节点挂一个，剩下四个 2:2 分区，集群还可用吗";
        var best = await BestAsync(message);

        var reply = ReplyFormatter.Format(best, message, 1500);

        Assert.DoesNotContain("@" + best.Pair.Asker, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_answer_is_cut_at_a_sentence_and_points_to_the_weekly()
    {
        const string message = "sofaregistry 跨 session 节点的数据怎么同步";
        var best = await BestAsync(message);

        var reply = ReplyFormatter.Format(best, message, 60);

        Assert.Contains("…（完整回答见周报）", reply, StringComparison.Ordinal);
        Assert.Contains("https://www.sofastack.tech/blog/sofa-weekly-20211210/", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("这个块数据比较少", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("短句。", 10, "短句。")]
    [InlineData("第一句话说完了。第二句话还很长很长很长很长。", 16, "第一句话说完了。…")]
    [InlineData("no sentence end in this long line of words", 20, "no sentence end in…")]
    public void Cut_keeps_short_text_and_cuts_long_text_at_a_sentence_end(string text, int max, string expected)
    {
        Assert.Equal(expected, ReplyFormatter.Cut(text, max, english: true, pointToWeekly: false));
    }

    private static async Task<Candidate> BestAsync(string message) => (await (await TestIndex.Bundled).DecideAsync(message)).Best!;
}
