using SofaBot.Drafts;
using SofaBot.Review;

namespace SofaBot.Tests.Drafts;

/// <summary>Only the candidates' links survive in a draft: their project links, weekly URLs and links inside their
/// answers, exactly; any other address is removed, a Markdown link keeping its words.</summary>
public sealed class CandidateLinksTests
{
    private static readonly ReviewCandidate Registry = new(
        "sofa-weekly-20211210:5", 0, "sofaregistry 用什么数据库", "兼容 MySQL，见 https://github.com/sofastack/sofa-registry/issues/42。",
        "SOFARegistry", "https://github.com/sofastack/sofa-registry", "SOFA Weekly (2021-12-10)", "https://www.sofastack.tech/blog/sofa-weekly-20211210/", 0.7f);

    private static readonly HashSet<string> Allowed = CandidateLinks.Allowed([Registry]);

    [Theory]
    [InlineData("见 https://github.com/sofastack/sofa-registry。", "见 https://github.com/sofastack/sofa-registry。", 0)]
    [InlineData("See https://github.com/sofastack/sofa-registry/issues/42.", "See https://github.com/sofastack/sofa-registry/issues/42.", 0)]
    [InlineData("[周报](https://www.sofastack.tech/blog/sofa-weekly-20211210/)", "[周报](https://www.sofastack.tech/blog/sofa-weekly-20211210/)", 0)]
    [InlineData("登录 https://github.com.evil.example/sofastack 领取", "登录 领取", 1)]
    [InlineData("见 https://github.com/sofastack/sofa-registry/../../evil", "见", 1)]
    [InlineData("[官方文档](http://evil.example/docs)。", "官方文档。", 1)]
    [InlineData("访问 www.evil.example 或 HTTPS://EVIL.EXAMPLE/x", "访问 或", 2)]
    [InlineData("<https://evil.example/a> ok", "ok", 1)]
    [InlineData("javascript:alert(1) 和 ftp://evil.example/f", "javascript:alert(1) 和", 1)]
    public void Keeps_the_candidates_links_and_removes_every_other(string text, string kept, int removed)
    {
        Assert.Equal((kept, removed), CandidateLinks.Keep(text, Allowed));
    }

    [Fact]
    public void The_allowed_links_are_the_candidates_own()
    {
        Assert.True(Allowed.SetEquals(["https://github.com/sofastack/sofa-registry", "https://www.sofastack.tech/blog/sofa-weekly-20211210/", "https://github.com/sofastack/sofa-registry/issues/42"]), string.Join(", ", Allowed));
    }
}
