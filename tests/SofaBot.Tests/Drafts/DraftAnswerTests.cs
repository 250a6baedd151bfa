using SofaBot.Drafts;

namespace SofaBot.Tests.Drafts;

/// <summary>The model's answer is read strictly: JSON naming one of the item's candidates and a short answer, or an
/// explicit "none fits"; everything else is malformed and gives no draft.</summary>
public sealed class DraftAnswerTests
{
    [Theory]
    [InlineData("{\"candidate\": 2, \"answer\": \"用 MySQL。\"}", "用 MySQL。", 2)]
    [InlineData("```json\n{\"candidate\": 1, \"answer\": \" Yes, see #1. \"}\n```", "Yes, see #1.", 1)]
    public void A_well_formed_answer_gives_its_text_and_candidate(string reply, string text, int candidate)
    {
        Assert.Equal((text, candidate, (string?)null), DraftAnswer.Read(reply, 3, 100));
    }

    [Fact]
    public void Candidate_zero_with_no_answer_means_none_fits_and_is_not_malformed()
    {
        Assert.Equal(((string?)null, 0, (string?)null), DraftAnswer.Read("{\"candidate\": 0, \"answer\": \"\"}", 3, 100));
    }

    [Theory]
    [InlineData(null, "the reply is empty")]
    [InlineData("  ", "the reply is empty")]
    [InlineData("SOFARegistry 用 MySQL。", "the reply is not JSON")]
    [InlineData("{\"candidate\": 1, \"answer\": \"cut off", "the reply is not JSON")]
    [InlineData("{\"candidate\": 1, \"answer\": \"x\",}", "the reply is not valid JSON")]
    [InlineData("{\"answer\": \"用 MySQL。\"}", "lacks a numeric \"candidate\"")]
    [InlineData("{\"candidate\": \"1\", \"answer\": \"用 MySQL。\"}", "lacks a numeric \"candidate\"")]
    [InlineData("{\"candidate\": 1.5, \"answer\": \"用 MySQL。\"}", "lacks a numeric \"candidate\"")]
    [InlineData("{\"candidate\": 4, \"answer\": \"用 MySQL。\"}", "names candidate 4; the item has 1 to 3")]
    [InlineData("{\"candidate\": -1, \"answer\": \"用 MySQL。\"}", "names candidate -1")]
    [InlineData("{\"candidate\": 0, \"answer\": \"用 MySQL。\"}", "names candidate 0")]
    [InlineData("{\"candidate\": 2, \"answer\": \"  \"}", "the answer is empty")]
    public void Anything_else_is_malformed(string? reply, string why)
    {
        var (text, _, malformed) = DraftAnswer.Read(reply, 3, 100);

        Assert.Null(text);
        Assert.Contains(why, malformed, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_over_the_cap_is_refused_not_cut()
    {
        var (text, _, malformed) = DraftAnswer.Read($"{{\"candidate\": 1, \"answer\": \"{new string('长', 101)}\"}}", 3, 100);

        Assert.Null(text);
        Assert.Equal("the answer is 101 characters, over the 100 a short draft may have", malformed);
    }
}
