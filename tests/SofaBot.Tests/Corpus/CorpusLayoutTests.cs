using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Corpus;

/// <summary>A flat folder of weeklies and a checkout of the sofastack.tech site both work.</summary>
public sealed class CorpusLayoutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_site_checkout_is_read_recursively_with_bundle_folders_as_slugs()
    {
        var weekly = File.ReadAllText(Path.Combine(TestPaths.BundledCorpus, "sofa-weekly-20211119.md"));
        _dir.Write("content/zh/blog/sofa-weekly-20211119/index.md", weekly);
        _dir.Write("content/zh/blog/_index.md", "---\ntitle: Blog\n---\n");
        _dir.Write("content/zh/blog/sofa-channel-1/index.md", "---\ntitle: 直播回顾\ndate: 2019-01-01T00:00:00+08:00\n---\n\n正文，没有问答。\n");
        _dir.Write(".git/objects/readme.md", "not content");
        _dir.Write("themes/node_modules/x/readme.md", "not content");

        var kb = TestCorpus.Load(_dir.Path);

        Assert.Equal(2, kb.Stats.FilesRead);
        Assert.Equal(1, kb.Stats.FilesWithQa);
        var pair = kb.Pairs[0];
        Assert.Equal("sofa-weekly-20211119", pair.Weekly.Slug);
        Assert.Equal("https://www.sofastack.tech/blog/sofa-weekly-20211119/", pair.Weekly.SourceUrl);
        Assert.Equal("content/zh/blog/sofa-weekly-20211119/index.md", pair.Weekly.File);
        Assert.Equal("sofa-weekly-20211119:1", pair.Id);
    }

    [Fact]
    public void A_single_file_can_be_the_corpus()
    {
        var kb = TestCorpus.Load(Path.Combine(TestPaths.BundledCorpus, "sofa-weekly-20211112.txt"));
        Assert.Equal(4, kb.Stats.Pairs);
    }

    [Fact]
    public void Two_files_with_one_slug_keep_distinct_ids()
    {
        var txt = File.ReadAllText(Path.Combine(TestPaths.BundledCorpus, "sofa-weekly-20211112.txt"));
        _dir.Write("a/sofa-weekly-20211112.txt", txt);
        _dir.Write("b/sofa-weekly-20211112.txt", txt);

        var kb = TestCorpus.Load(_dir.Path);

        Assert.Equal(8, kb.Pairs.Select(p => p.Id).Distinct().Count());
        Assert.All(kb.Pairs, p => Assert.Equal("https://www.sofastack.tech/blog/sofa-weekly-20211112/", p.Weekly.SourceUrl));
    }

    [Fact]
    public void Ids_are_stable_across_loads()
    {
        var first = TestCorpus.Load(TestPaths.BundledCorpus).Pairs.Select(p => (p.Id, p.Question));
        var second = TestCorpus.Load(TestPaths.BundledCorpus).Pairs.Select(p => (p.Id, p.Question));
        Assert.Equal(first, second);
    }

    public void Dispose() => _dir.Dispose();
}
