using SofaBot.Answering;
using SofaBot.Evaluation;
using SofaBot.Retrieval;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Evaluation;

/// <summary>Quality on the community's dev questions cannot regress silently: these floors sit a few points under
/// the figures the README reports (Hit@1 0.917, Hit@5 1.0, auto-answer precision 0.98, 0.800 auto-answered).</summary>
public sealed class DevSetTests
{
    [FullCorpusFact]
    public async Task Dev_questions_find_their_answers_and_no_negative_is_answered()
    {
        var summary = (await RunAsync(RetrievalMode.Hybrid)).Summary;

        Assert.Equal(0, summary.BrokenItems);
        Assert.True(summary.HitAt1 >= 0.90, $"Hit@1 {summary.HitAt1:0.000}");
        Assert.True(summary.HitAt5 >= 0.97, $"Hit@5 {summary.HitAt5:0.000}");
        Assert.True(summary.AutoAnswerPrecision >= 0.97, $"auto-answer precision {summary.AutoAnswerPrecision:0.000}");
        Assert.True(summary.AutoAnsweredCorrectly >= 0.75, $"auto-answered correctly {summary.AutoAnsweredCorrectly:0.000}");
        Assert.Equal(0, summary.NegativesAnswered);
    }

    [FullCorpusFact]
    public async Task Hybrid_ranking_beats_words_alone_and_vectors_alone()
    {
        var lexical = (await RunAsync(RetrievalMode.Lexical)).Summary;
        var vector = (await RunAsync(RetrievalMode.Vector)).Summary;
        var hybrid = (await RunAsync(RetrievalMode.Hybrid)).Summary;

        Assert.True(hybrid.HitAt1 >= lexical.HitAt1 && hybrid.HitAt1 > vector.HitAt1, $"hybrid {hybrid.HitAt1:0.000}, lexical {lexical.HitAt1:0.000}, vector {vector.HitAt1:0.000}");

        // the confidence weighs both rankers' evidence: with one of them missing it is rightly less sure
        Assert.True(hybrid.AutoAnsweredCorrectly > lexical.AutoAnsweredCorrectly && hybrid.AutoAnsweredCorrectly > vector.AutoAnsweredCorrectly,
            $"auto-answered correctly: hybrid {hybrid.AutoAnsweredCorrectly:0.000}, lexical {lexical.AutoAnsweredCorrectly:0.000}, vector {vector.AutoAnsweredCorrectly:0.000}");
        Assert.True(lexical.NegativesAnswered + vector.NegativesAnswered + hybrid.NegativesAnswered == 0);
    }

    [FullCorpusFact]
    public async Task A_match_far_ahead_in_words_is_answered_even_when_the_vectors_prefer_another()
    {
        var decision = await (await TestIndex.Full).DecideAsync("jraft 的 closure 线程池为啥用 SynchronousQueue");

        Assert.Equal(DecisionKind.Answer, decision.Kind);
        Assert.Equal("hanzhihua", decision.Best!.Pair.Asker);
        Assert.True(decision.Evidence!.VectorLead < 0, "the offline vectors put another answer first");
        Assert.True(decision.Evidence.LexicalLead > 0.5f, "the words put this one far ahead");
    }

    [FullCorpusFact]
    public async Task Questions_about_things_the_weeklies_never_answered_get_no_answer()
    {
        var index = await TestIndex.Full;
        foreach (var message in new[] { "seata 的 AT 模式支持 PostgreSQL 吗？", "jraft 怎么配置 witness 节点？", "mosn 支持 http3 / quic 吗？", "sofatracer 怎么对接 OpenTelemetry？" })
        {
            var decision = await index.DecideAsync(message);
            Assert.True(decision.Kind != DecisionKind.Answer, $"{message} was answered with {decision.Best?.Pair.Id}");
        }
    }

    private static async Task<EvalReport> RunAsync(RetrievalMode mode) =>
        await new EvalRunner(await TestIndex.Full).RunAsync(EvalItem.ReadFile(TestPaths.DevEval!), mode);
}
