using SofaBot.Retrieval;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Retrieval;

/// <summary>How a message is read before ranking: projects by any alias, synonyms across languages.</summary>
public sealed class AnalyzerTests
{
    [Theory]
    [InlineData("jraft 的快照怎么做", "SOFAJRaft")]
    [InlineData("RheaKV 支持事务吗", "SOFAJRaft")]
    [InlineData("Fescar 和 seata 什么关系", "Seata")]
    [InlineData("SOFARegistery 的 session 节点", "SOFARegistry")]
    public async Task A_project_named_by_any_alias_is_recognized(string message, string project)
    {
        var query = await AnalyzeAsync(message);

        Assert.Contains(query.NamedProjects, p => p.Name == project);
        Assert.True(query.IsAboutSofaStack);
    }

    [Fact]
    public async Task A_generic_word_for_a_kind_of_project_expands_to_its_name()
    {
        var query = await AnalyzeAsync("注册中心的数据存在哪里");

        Assert.Contains(query.Terms, t => t.Term == "registry");
        Assert.Empty(query.NamedProjects); // 注册中心 could be Nacos or ZooKeeper: it is a hint, not a name
    }

    [Fact]
    public async Task Synonyms_bridge_english_and_chinese_at_a_lower_weight()
    {
        var query = await AnalyzeAsync("how does rollback work");

        var rollback = Assert.Single(query.Terms, t => t.Term == "rollback");
        var chinese = Assert.Single(query.Terms, t => t.Term == "回滚");
        Assert.True(chinese.Weight < rollback.Weight);
    }

    [Fact]
    public async Task A_member_of_several_words_shares_its_weight_among_them()
    {
        // 回滚日志 brings "undo log": ranking cannot search the phrase, and each word at full weight would pull in
        // every answer that uses it; 回滚 brings "rollback" whole
        var query = await AnalyzeAsync("回滚日志多久清理一次");

        var rollback = Assert.Single(query.Terms, t => t.Term == "rollback");
        var undo = Assert.Single(query.Terms, t => t.Term == "undo");
        Assert.Equal(rollback.Weight / 2, undo.Weight, 0.001f);
    }

    [Fact]
    public async Task Keywords_hint_at_a_project_without_naming_it()
    {
        var query = await AnalyzeAsync("saga 状态机怎么配置补偿");

        Assert.Contains(query.HintedProjects, p => p.Name == "Seata");
        Assert.Empty(query.NamedProjects);
        Assert.True(query.IsAboutSofaStack);
    }

    [Fact]
    public async Task Other_software_is_not_about_sofastack()
    {
        var query = await AnalyzeAsync("mysql 联合索引什么情况下会失效");

        Assert.False(query.IsAboutSofaStack);
    }

    private static async Task<Query> AnalyzeAsync(string message) => (await TestIndex.Bundled).Retriever.Analyzer.Analyze(message);
}
