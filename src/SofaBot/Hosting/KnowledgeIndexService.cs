using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SofaBot.Retrieval;
using SofaBot.Review;

namespace SofaBot.Hosting;

/// <summary>Loads and indexes the corpus (or reads its index snapshot) when the host starts, before any channel takes messages, with what was
/// learned in review; start-up fails with the corpus error when it cannot be read.</summary>
internal sealed partial class KnowledgeIndexService(KnowledgeIndexLoader loader, IReviewStore review, ILogger<KnowledgeIndexService> logger) : IHostedService
{
    private readonly TaskCompletionSource<KnowledgeIndex> _index = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _index.Task.IsCompletedSuccessfully;

    public Task<KnowledgeIndex> GetAsync(CancellationToken cancellationToken) => _index.Task.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        LogLoading();
        try
        {
            // from the index snapshot when the corpus, settings and build are those it was made with
            var index = await loader.LoadAsync(cancellationToken);
            var knowledgeBase = index.KnowledgeBase;

            // what maintainers taught in review (alternate wordings, learned pairs) is part of the index from the start
            var learned = await review.ListLearnedAsync(cancellationToken);
            if (learned.Count > 0)
            {
                LogLearned(await index.LearnAsync(learned, cancellationToken), learned.Count);
            }

            LogReady(knowledgeBase.Pairs.Count, knowledgeBase.Weeklies.Count, clock.ElapsedMilliseconds);
            _index.TrySetResult(index);
        }
        catch (Exception e)
        {
            _index.TrySetException(e);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(3022, LogLevel.Information, "Learned in review, applied to the index: {Applied} of {Count}")]
    private partial void LogLearned(int applied, int count);

    [LoggerMessage(3020, LogLevel.Information, "Loading and indexing the corpus…")]
    private partial void LogLoading();

    [LoggerMessage(3021, LogLevel.Information, "Corpus ready: {Pairs} Q&A pairs from {Weeklies} weeklies, indexed in {Milliseconds} ms")]
    private partial void LogReady(int pairs, int weeklies, long milliseconds);
}
