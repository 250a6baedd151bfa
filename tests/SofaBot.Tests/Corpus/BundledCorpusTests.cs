using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Corpus;

/// <summary>The five seed documents bundled in corpus/: the sample SofaBot runs on out of the box.</summary>
public sealed class BundledCorpusTests
{
    [Fact]
    public void Every_seed_pair_is_found_the_plain_text_export_included()
    {
        var kb = TestCorpus.Load(TestPaths.BundledCorpus);

        Assert.Equal(5, kb.Stats.FilesRead);
        Assert.Equal(5, kb.Stats.FilesWithQa);
        Assert.Equal(19, kb.Stats.Pairs);
        Assert.Empty(kb.Warnings);

        var exported = kb.Pairs.Where(p => p.Weekly.File == "sofa-weekly-20211112.txt").ToList();
        Assert.Equal(["zjw", "滕川", "橙橙不是澄澄", "邓君武"], exported.Select(p => p.Asker));
        Assert.Equal(new DateOnly(2021, 11, 12), exported[0].Weekly.Date);
        Assert.Equal("https://www.sofastack.tech/blog/sofa-weekly-20211112/", exported[0].Weekly.SourceUrl);
        Assert.Equal(["SOFARegistry", "SOFAJRaft", "SOFAJRaft", "SOFAJRaft"], exported.Select(p => p.Project.Name));
        Assert.StartsWith("leader 不需要知道,leader 节点就直接发 appendEtries 即可。", exported[1].Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void The_babassl_weekly_links_to_tongsuo_its_current_name()
    {
        var kb = TestCorpus.Load(TestPaths.BundledCorpus);
        var pair = kb.Pairs.Single(p => p.Asker == "会飞的小胖子");
        Assert.Equal(("Tongsuo", "https://github.com/Tongsuo-Project/Tongsuo"), (pair.Project.Name, pair.Project.Url));
        Assert.Equal(("BabaSSL", "https://github.com/BabaSSL"), (pair.Project.GivenLabel, pair.Project.GivenUrl));
    }
}
