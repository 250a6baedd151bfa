using System.Text.Json;
using SofaBot.Corpus;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Corpus;

/// <summary>All 192 weeklies of ../shared/corpus/sofastack-weekly, read in place.</summary>
public sealed class FullCorpusTests
{
    private static KnowledgeBase Kb => TestCorpus.FullCorpus;

    [FullCorpusFact]
    public void Reads_every_weekly_and_finds_every_pair_an_independent_count_found()
    {
        Assert.Equal(192, Kb.Stats.FilesRead);
        Assert.Equal(0, Kb.Stats.FilesSkipped);
        Assert.Equal(173, Kb.Stats.FilesWithQa);
        Assert.Equal(494, Kb.Stats.Pairs);
        Assert.Equal(Kb.Pairs.Count, Kb.Pairs.Select(p => p.Id).Distinct().Count());
        Assert.All(Kb.Pairs, p => Assert.False(string.IsNullOrWhiteSpace(p.Question), p.Id));
    }

    [FullCorpusFact]
    public void Every_pair_gets_a_GitHub_link_and_about_ninety_are_filled_from_the_project_map()
    {
        Assert.All(Kb.Pairs, p => Assert.StartsWith("https://github.com/", p.Project.Url, StringComparison.Ordinal));
        var filled = Kb.Stats.Links[LinkSource.Filled];
        Assert.InRange(filled, 80, 100);
        Assert.True(Kb.Stats.Links[LinkSource.Fallback] <= 5, $"{Kb.Stats.Links[LinkSource.Fallback]} pairs fell back to the SOFAStack organisation");
    }

    [FullCorpusFact]
    public void Warnings_name_file_and_line_for_what_the_weeklies_really_got_wrong()
    {
        var warnings = Kb.Warnings.Select(w => w.ToString()).ToList();
        Assert.Contains("sofa-weekly-0611.md:45: the question of @陈泽胜 has no answer (A：); kept without one", warnings);
        Assert.Contains(warnings, w => w.StartsWith("sofa-weekly-20220107.md:5: front matter is not valid YAML", StringComparison.Ordinal));
        Assert.All(Kb.Warnings, w => Assert.NotNull(w.Line));
    }

    [FullCorpusFact]
    public void A_pair_is_quoted_with_asker_question_answer_and_link()
    {
        var pair = Single("sofa-weekly-20211119.md", "爱德华", "晋升后，给每个 follower");
        Assert.Equal("请教一下，SOFAJRaft 在 leader 晋升后，给每个 follower 发送的探测请求是什么？是 Raft 论文中，为了“提交上一个 term 日志项”，才发送的空请求吗？", pair.Question);
        Assert.StartsWith("是为了探测该 follower 与 leader 的日志差异。找对 nextIndex 对吧？", pair.Answer, StringComparison.Ordinal);
        Assert.Equal(("SOFAJRaft", "https://github.com/sofastack/sofa-jraft", LinkSource.Weekly), (pair.Project.Name, pair.Project.Url, pair.Project.Source));
        Assert.Equal(new DateOnly(2021, 11, 19), pair.Weekly.Date);
        Assert.Equal("https://www.sofastack.tech/blog/sofa-weekly-20211119/", pair.Weekly.SourceUrl);
    }

    [FullCorpusFact]
    public void Follow_ups_are_turns_of_one_pair_even_after_the_link_line()
    {
        var pair = Single("sofa-weekly-20191115.md", "瀚墨", "本地多人开发");
        Assert.Equal(3, pair.Turns.Count);
        Assert.Equal("指定的 IP 地址。", pair.Turns[2].Question);
        Assert.StartsWith("一种方法本地调用方直接配开发环境的机器直连调用", pair.Turns[2].Answer, StringComparison.Ordinal);
    }

    [FullCorpusFact]
    public void Questions_under_a_topic_with_no_asker_are_pairs_without_an_asker()
    {
        var pair = Kb.Pairs.Single(p => p.Weekly.File == "sofa-weekly-20190823.md" && p.Question == "什么是事务分组？");
        Assert.Null(pair.Asker);
        Assert.Equal("关于 Seata 事务分组", pair.Topic);
        Assert.Equal(3, pair.Turns.Count);
        Assert.Equal("Seata", pair.Project.Name);
    }

    [FullCorpusFact]
    public void Issue_items_of_2023_keep_asker_project_and_issue()
    {
        var mosn = Single("sofa-weekly-1006.md", "huayangchan", "envoy");
        Assert.Equal("MOSN", mosn.Project.Name);
        Assert.Equal("https://github.com/mosn/mosn/issues/2347", mosn.IssueUrl);

        var jraft = Single("sofa-weekly-20230303.md", "hanzhihua", "SynchronousQueue");
        Assert.Equal("https://github.com/sofastack/sofa-jraft/issues/934", jraft.IssueUrl);

        var bolt = Single("sofa-weekly-1006.md", "tongtaodragonfly", "ProtocolDecoder");
        Assert.Equal(("SOFABolt", LinkSource.Corrected), (bolt.Project.Name, bolt.Project.Source)); // printed "「SOFARPC」" for SOFABolt #332
    }

    [FullCorpusFact]
    public void Wrong_project_links_are_corrected_from_the_project_map()
    {
        var lookout = Single("sofa-weekly-20211210.md", "赵一凡", "SOFALookout");
        Assert.Equal(("SOFALookout", "https://github.com/sofastack/sofa-lookout", LinkSource.Corrected), (lookout.Project.Name, lookout.Project.Url, lookout.Project.Source));
        Assert.Equal("https://github.com/mosn/mosn", lookout.Project.GivenUrl);

        var bolt = Single("sofa-weekly-20220329.md", "韩升", "SOFABolt");
        Assert.Equal(("SOFABolt", "https://github.com/sofastack/sofa-bolt"), (bolt.Project.Name, bolt.Project.Url));

        var layotto = Single("sofa-weekly-20220401.md", "毛晨斌", "Layotto");
        Assert.Equal("Layotto", layotto.Project.Name);
    }

    [FullCorpusFact]
    public void Broken_front_matter_still_gives_title_and_date()
    {
        var weekly = Kb.Weeklies.Single(w => w.File == "sofa-weekly-20220107.md");
        Assert.Equal("SOFA Weekly |SOFA 社区插话小剧场、本周 Contributor、QA 整理", weekly.Title);
        Assert.Equal(new DateOnly(2022, 1, 7), weekly.Date);
    }

    [FullCorpusFact]
    public void Answers_are_clean_markdown_with_links_and_images_kept_and_html_removed()
    {
        Assert.All(Kb.Pairs.SelectMany(p => p.Turns), t => Assert.DoesNotContain("<br", t.Answer, StringComparison.OrdinalIgnoreCase));
        var withImage = Single("sofa-weekly-20211119.md", "黄润良", "这两个值");
        Assert.Contains("![weekly.jpg](https://gw.alipayobjects.com/", withImage.Answer, StringComparison.Ordinal);
        var withLink = Single("sofa-weekly-20191011.md", "陈文龙", "rollback_info");
        Assert.Contains("](https://www.sofastack.tech/blog/sofa-meetup-3-seata-retrospect/)", withLink.Answer, StringComparison.Ordinal); // a root-relative link made absolute
    }

    [FullCorpusFact]
    public void No_pair_comes_from_reading_lists_announcements_or_group_headers()
    {
        Assert.All(Kb.Pairs, p =>
        {
            Assert.DoesNotContain("推荐阅读", p.Question + p.Answer, StringComparison.Ordinal);
            Assert.DoesNotContain("新手任务", p.Question + p.Answer, StringComparison.Ordinal);
            Assert.False(p.Asker?.StartsWith("关于", StringComparison.Ordinal) ?? false, p.Id);
        });
    }

    [FullCorpusFact]
    public void Every_question_of_the_community_eval_set_has_its_pair()
    {
        var path = TestPaths.DevEval;
        Assert.True(path is not null && File.Exists(path), $"eval set not found at {path}");
        var expected = File.ReadLines(path).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("expect"))
            .Where(e => e.ValueKind == JsonValueKind.Object)
            .ToList();
        Assert.True(expected.Count > 50);
        Assert.All(expected, e =>
        {
            var file = e.GetProperty("file").GetString();
            var asker = e.GetProperty("asker").GetString();
            var contains = e.GetProperty("question_contains").GetString()!;
            Assert.Contains(Kb.Pairs, p => p.Weekly.File == file && p.Asker == asker && p.Question.Contains(contains, StringComparison.Ordinal));
        });
    }

    private static QaPair Single(string file, string asker, string questionContains) =>
        Kb.Pairs.Single(p => p.Weekly.File == file && p.Asker == asker && p.Question.Contains(questionContains, StringComparison.Ordinal));
}
