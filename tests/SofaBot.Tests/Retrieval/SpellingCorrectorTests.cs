using SofaBot.Retrieval.Text;

namespace SofaBot.Tests.Retrieval;

/// <summary>Near misses of the corpus's words and of project names are read as what was meant; real words are not.</summary>
public sealed class SpellingCorrectorTests
{
    private static readonly Dictionary<string, int> Words = new()
    {
        ["registry"] = 40, ["rabbitmq"] = 3, ["snapshot"] = 30, ["json"] = 12, ["acts"] = 2, ["seats"] = 90, ["leader"] = 50, ["reader"] = 2, ["learner"] = 2,
    };

    private static readonly string[] Names = ["jraft", "seata", "sofarpc", "mosn", "layotto"];

    private readonly SpellingCorrector _corrector = new(Words.Keys, Names, w => Words.GetValueOrDefault(w), alsoKnown: ["opens", "acks"]);

    [Theory]
    [InlineData("jarft", "jraft")] // two letters swapped
    [InlineData("seta", "seata")] // a letter missing
    [InlineData("sofaprc", "sofarpc")]
    [InlineData("mson", "mosn")]
    [InlineData("layoto", "layotto")]
    [InlineData("reigstry", "registry")]
    [InlineData("rabbimq", "rabbitmq")]
    [InlineData("snapshto", "snapshot")]
    [InlineData("registey", "registry")] // e for r: neighbouring keys
    public void A_near_miss_is_read_as_the_word_meant(string typed, string meant)
    {
        Assert.Equal(meant, _corrector.Correct(typed));
    }

    [Theory]
    [InlineData("acks")] // a real word one letter off "acts", listed as known
    [InlineData("opens")]
    [InlineData("leader")] // the corpus's own word
    [InlineData("rpc")] // too short to tell from other words
    [InlineData("kubernetes")] // far from every word
    public void Known_words_short_words_and_far_words_are_left_alone(string word)
    {
        Assert.Null(_corrector.Correct(word));
    }

    [Fact]
    public void A_letter_left_out_is_likelier_than_a_far_key_hit_instead()
    {
        // "leaner" is learner with the r left out, or leader with n typed for d: n is nowhere near d
        Assert.Equal("learner", _corrector.Correct("leaner"));
    }

    [Fact]
    public void A_project_name_wins_over_a_commoner_word()
    {
        // "seatz" is one letter from both "seata" (a project) and "seats" (a commoner word): people mean the project
        Assert.Equal("seata", _corrector.Correct("seatz"));
    }

    [Fact]
    public void Four_letter_words_are_corrected_only_to_project_names()
    {
        // four letters one edit from an ordinary word are as often another word ("jsno" may be json, "acks" is not acts)
        Assert.Null(_corrector.Correct("jsno"));
        Assert.Null(_corrector.Correct("acst"));
        Assert.Equal("mosn", _corrector.Correct("mson"));
    }
}
