using SofaBot.Retrieval.Text;

namespace SofaBot.Tests.Retrieval;

public sealed class TokenizerTests
{
    [Fact]
    public void Chinese_becomes_overlapping_bigrams_and_a_lone_character_stays()
    {
        Assert.Equal(["注册", "册中", "中心", "吗"], Tokenizer.Tokenize("注册中心 吗"));
    }

    [Fact]
    public void Identifiers_are_kept_whole_and_split_into_the_words_people_type()
    {
        var terms = Tokenizer.Tokenize("leader 发 appendEntries 给 follower");

        Assert.Equal(["leader", "发", "appendentries", "append", "entry", "给", "follower"], terms);
    }

    [Theory]
    [InlineData("@SOFAService 注解", new[] { "sofaservice", "sofa", "service", "注解" })]
    [InlineData("issue #934 怎么修", new[] { "issue", "934", "怎么", "么修" })]
    [InlineData("com.alipay.sofa.rpc", new[] { "com.alipay.sofa.rpc", "com", "alipay", "sofa", "rpc" })]
    [InlineData("AT 模式", new[] { "at", "模式" })]
    public void Annotations_issue_numbers_packages_and_acronyms_survive(string text, string[] expected)
    {
        Assert.Equal(expected, Tokenizer.Tokenize(text));
    }

    [Fact]
    public void Full_width_and_upper_case_fold_to_the_same_terms()
    {
        Assert.Equal(Tokenizer.Tokenize("SOFAJRaft 1.3 版本"), Tokenizer.Tokenize("ＳＯＦＡＪＲａｆｔ　１．３　版本"));
        Assert.Equal(Tokenizer.Tokenize("leader 选举"), Tokenizer.Tokenize("LEADER 选举"));
    }

    [Fact]
    public void English_function_words_go_and_plurals_meet_their_singular()
    {
        Assert.Equal(["address", "registry"], Tokenizer.Tokenize("What are the addresses in the registries?"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n")]
    [InlineData("👍🎉🙏")]
    [InlineData("\u0000\u0007\u001b\u007f")]
    public void Text_without_words_has_no_terms(string text)
    {
        Assert.Empty(Tokenizer.Tokenize(text));
    }
}
