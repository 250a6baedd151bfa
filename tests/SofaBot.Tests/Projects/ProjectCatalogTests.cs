using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Projects;

/// <summary>The curated project map in appsettings.json, as the parser and (later) retrieval use it.</summary>
public sealed class ProjectCatalogTests
{
    private static readonly SofaBot.Projects.ProjectCatalog Catalog = TestCorpus.Catalog;

    [Theory]
    [InlineData("jraft", "SOFAJRaft")]
    [InlineData("RheaKV", "SOFAJRaft")]
    [InlineData("「SOFAJraft」", "SOFAJRaft")]
    [InlineData("SOFA-Boot", "SOFABoot")]
    [InlineData("SOFARegistery", "SOFARegistry")] // misspelt in two weeklies
    [InlineData("sofa-mosn", "MOSN")]
    [InlineData("BabaSSL", "Tongsuo")]
    [InlineData("铜锁", "Tongsuo")]
    public void Names_and_aliases_find_the_project(string name, string project) =>
        Assert.Equal(project, Catalog.FindByName(name)?.Name);

    [Theory]
    [InlineData("https://github.com/sofastack/sofa-jraft/issues/934", "SOFAJRaft")]
    [InlineData("https://github.com//mosn/mosn/", "MOSN")]
    [InlineData("https://github.com/sofastack/sofa-mosn", "MOSN")]
    [InlineData("https://github.com/mosn", "MOSN")]
    [InlineData("https://www.github.com/mosn/mosn/tree/master/pkg%2Fproxy%2Fvar.go", "MOSN")]
    [InlineData("https://github.com/sofastack**/sof**a-registry/issues/332", "SOFARegistry")]
    [InlineData("https://github.com/layotto", "Layotto")]
    public void GitHub_urls_find_the_project(string url, string project) =>
        Assert.Equal(project, Catalog.FindByUrl(url)?.Name);

    [Theory]
    [InlineData("https://github.com/sofastack/sofa-jrafta")] // a typo in a weekly is not the organisation
    [InlineData("https://gitee.com/sofastack/sofa-jraft")]
    public void Unknown_urls_find_nothing(string url) => Assert.Null(Catalog.FindByUrl(url));

    [Fact]
    public void Names_match_as_whole_words_in_chinese_and_english_text()
    {
        var named = Catalog.FindNamed("用spark跑批，ark-biz 打包后用jraft存元数据").Keys.Select(p => p.Name).Order().ToList();
        Assert.Equal(["SOFAArk", "SOFAJRaft"], named); // "spark" is not SOFAArk's "ark"; Chinese next to jraft is a boundary

        Assert.Empty(Catalog.FindNamed("BoltV1 协议里 Hessian2 序列化")); // identifiers that only contain a name
    }

    [Fact]
    public void A_github_url_counts_for_its_repository_not_for_words_in_its_path()
    {
        var named = Catalog.FindNamed("升级到 SOFABoot 3.11.0 https://www.github.com/mosn/mosn/tree/master/examples%2Fsofaboot");
        Assert.Equal(2, named.Count);
        Assert.True(named.Keys.Single(p => p.Name == "SOFABoot") is not null);
    }
}
