using SofaBot.Answering;
using SofaBot.Retrieval;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Answering;

/// <summary>A fresh question is answered from the weekly where it was asked first, not from another conversation's
/// follow-up that happens to share its words; a reply to the bot still gets the follow-up it asks about.</summary>
public sealed class LaterTurnTests : IDisposable
{
    // a conversation about undo_log whose second turn repeats, in passing, the words of a question asked on its own
    // in another weekly
    private const string Conversation = """
        ---
        title: "SOFA Weekly | 一"
        date: 2020-09-25T15:00:00+08:00
        ---

        ### 每周读者问答提炼

        **@甲** 提问：

        > 请问 Seata 回滚以后 undo_log 表里为什么多了一条 status=1 的记录？

        A：这是防御性的 undo_log，二阶段回滚时没找到一阶段的 undo_log 就会插入一条，不用理会。

        > 我这边分布式事务 insert 两条数据要 0.3 秒，回滚后还是有 status=1 的记录，会不会比较慢？

        A：确认一下是不是重复代理了，多数据源一般要关掉自动代理。

        Seata：[https://github.com/seata/seata](https://github.com/seata/seata)
        """;

    private const string AskedAlone = """
        ---
        title: "SOFA Weekly | 二"
        date: 2020-05-22T15:00:00+08:00
        ---

        ### 每周读者问答提炼

        **@乙** 提问：

        > 请问分布式事务执行，只 insert 两条数据，执行时间 0.3 秒，会不会比较慢？

        A：AT 模式下一次分支注册和 undo_log 写入都有开销，0.3 秒偏慢，先看看 TC 的网络延迟和数据库的锁等待。

        Seata：[https://github.com/seata/seata](https://github.com/seata/seata)
        """;

    private const string Question = "seata 分布式事务 insert 两条数据要 0.3 秒，会不会比较慢";

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_fresh_question_gets_the_pair_where_it_was_asked_first()
    {
        var index = await BuildAsync(TestIndex.AnsweringOptions());

        var decision = await index.DecideAsync(Question);

        Assert.Equal("sofa-weekly-20200522:1", decision.Best!.Pair.Id);
        Assert.Equal(0, decision.Best.Turn);
    }

    [Fact]
    public async Task Without_the_penalty_the_other_conversations_follow_up_wins()
    {
        var answering = TestIndex.AnsweringOptions();
        answering.LaterTurnPenalty = 0;
        var index = await BuildAsync(answering);

        var decision = await index.DecideAsync(Question);

        Assert.Equal("sofa-weekly-20200925:1", decision.Best!.Pair.Id);
        Assert.Equal(1, decision.Best.Turn);
    }

    [Fact]
    public async Task A_reply_to_the_bots_answer_still_gets_that_conversations_follow_up()
    {
        var index = await BuildAsync(TestIndex.AnsweringOptions());
        var context = await index.ContextAfterAsync("seata 回滚以后 undo_log 里多了一条 status=1 的记录是怎么回事");

        var decision = await index.DecideAsync("我 insert 两条数据回滚后还是有 status=1，会不会是多数据源的问题", context);

        Assert.Equal("sofa-weekly-20200925:1", decision.Best!.Pair.Id);
        Assert.Equal(1, decision.Best.Turn);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<KnowledgeIndex> BuildAsync(AnsweringOptions answering)
    {
        // among the bundled weeklies, so that words weigh what they weigh in a real corpus
        foreach (var weekly in Directory.GetFiles(TestPaths.BundledCorpus))
        {
            File.Copy(weekly, _dir.Combine(Path.GetFileName(weekly)));
        }

        _dir.Write("sofa-weekly-20200925.md", Conversation);
        _dir.Write("sofa-weekly-20200522.md", AskedAlone);
        return await TestIndex.BuildAsync(TestCorpus.Load(_dir.Path), answering: answering);
    }
}
