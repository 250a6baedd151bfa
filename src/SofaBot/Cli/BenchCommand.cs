using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SofaBot.Corpus;
using SofaBot.Projects;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Snapshot;

namespace SofaBot.Cli;

/// <summary><c>bench</c>: index build time, query latency, throughput and memory, on the corpus (optionally grown
/// with synthetic variants of its pairs).</summary>
internal static class BenchCommand
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    private const int TimedPasses = 5;

    public static Command Build()
    {
        var scale = new Option<int>("--scale") { Description = "Grow the corpus N times with synthetic variants of the real pairs", DefaultValueFactory = _ => 1 };
        var queries = new Option<FileInfo?>("--queries") { Description = "Questions to time (an eval file); default: the corpus's own questions" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        scale.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"--scale must be 1 or more (was {result.GetValueOrDefault<int>()})");
            }
        });
        var command = new Command("bench", "Measure index build time, query latency (p50/p99), queries per second and memory") { scale, queries, json };
        command.SetAction((parse, ct) => VerbRunner.RunAsync(parse, async (services, output, token) =>
        {
            var n = parse.GetValue(scale);
            var kb = services.GetRequiredService<KnowledgeBase>();
            var grown = n == 1 ? kb : SyntheticCorpus.Grow(kb, n);
            var messages = kb.Pairs.Select(p => p.Question).Take(200).ToList();
            if (parse.GetValue(queries) is { } file)
            {
                var (items, failure) = await EvalCommand.ReadItemsAsync(file, parse.InvocationConfiguration.Error);
                if (items is null)
                {
                    return failure;
                }

                messages = items.Select(i => i.Query).ToList();
            }

            // the first build in a process pays for JIT compilation (less in a ReadyToRun build); later builds
            // show the cost of indexing itself: the median of a few, as single timings on 2 cores are noisy
            var builder = services.GetRequiredService<KnowledgeIndexBuilder>();
            var clock = Stopwatch.StartNew();
            var index = await builder.BuildAsync(grown, token);
            var coldMs = clock.Elapsed.TotalMilliseconds;
            var builds = new List<double>();
            for (var i = 0; i < WarmBuilds(grown.Pairs.Count); i++)
            {
                // give the previous index's memory back first, so resident memory is one index's
                index = null;
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                clock.Restart();
                index = await builder.BuildAsync(grown, token);
                builds.Add(clock.Elapsed.TotalMilliseconds);
            }

            var indexMs = builds.Count == 0 ? coldMs : Percentile(builds, 0.5);

            // warm up until the runtime has compiled the query path with full optimization (tiered JIT), as a
            // long-running bot has; then time several passes of decisions and of retrieval alone
            var warm = Stopwatch.StartNew();
            for (var pass = 0; pass < 3 || warm.Elapsed < WarmUp; pass++)
            {
                foreach (var message in messages)
                {
                    await index.DecideAsync(message, cancellationToken: token);
                }
            }

            // several timed passes: percentiles over a few hundred samples, not one pass of 85
            var decisions = new List<double>();
            var searches = new List<double>();
            var total = TimeSpan.Zero;
            for (var pass = 0; pass < TimedPasses; pass++)
            {
                var passClock = Stopwatch.StartNew();
                foreach (var message in messages)
                {
                    var one = Stopwatch.StartNew();
                    await index.DecideAsync(message, cancellationToken: token);
                    decisions.Add(one.Elapsed.TotalMicroseconds);
                }

                total += passClock.Elapsed;
                foreach (var message in messages)
                {
                    var query = index.Retriever.Analyzer.Analyze(message);
                    var one = Stopwatch.StartNew();
                    await index.Retriever.SearchAsync(query, cancellationToken: token);
                    searches.Add(one.Elapsed.TotalMicroseconds);
                }
            }

            var totalSeconds = total.TotalSeconds;
            using var process = Process.GetCurrentProcess();
            var (rss, peak) = (process.WorkingSet64, process.PeakWorkingSet64);

            // last, so the memory figures are those of one index serving queries
            var snapshot = await MeasureSnapshotAsync(services, builder, index, token);
            var result = new
            {
                scale = n,
                pairs = grown.Pairs.Count,
                units = index.Retriever.Count,
                index_ms = Math.Round(indexMs, 1),
                index_cold_ms = Math.Round(coldMs, 1),
                snapshot_mb = Math.Round(snapshot.Bytes / 1024.0 / 1024.0, 1),
                snapshot_write_ms = Math.Round(snapshot.WriteMs, 1),
                snapshot_load_ms = Math.Round(snapshot.LoadMs, 1),
                snapshot_load_cold_ms = Math.Round(snapshot.LoadColdMs, 1),
                query_p50_us = Math.Round(Percentile(decisions, 0.50)),
                query_p99_us = Math.Round(Percentile(decisions, 0.99)),
                qps = Math.Round(decisions.Count / totalSeconds),
                retrieval_p50_us = Math.Round(Percentile(searches, 0.50)),
                retrieval_p99_us = Math.Round(Percentile(searches, 0.99)),
                rss_mb = Math.Round(rss / 1024.0 / 1024.0),
                peak_rss_mb = Math.Round(peak / 1024.0 / 1024.0),
                vectors = index.Retriever.HasVectors,
                queries = messages.Count,
            };

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, result);
            }
            else
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
                    Pairs (units):        {result.pairs} ({result.units}), scale {n}
                    Index build:          {result.index_ms} ms (median of warm builds; first build in the process, with JIT: {result.index_cold_ms} ms)
                    Index snapshot:       {result.snapshot_mb} MB, written in {result.snapshot_write_ms} ms, read back in {result.snapshot_load_ms} ms (median; first read in the process, with JIT: {result.snapshot_load_cold_ms} ms)
                    Decision latency:     p50 {result.query_p50_us} µs, p99 {result.query_p99_us} µs ({result.queries} queries × {TimedPasses}, one thread: {result.qps} per second)
                    Retrieval latency:    p50 {result.retrieval_p50_us} µs, p99 {result.retrieval_p99_us} µs
                    Memory:               {result.rss_mb} MB resident, peak {result.peak_rss_mb} MB
                    """));
            }

            return VerbRunner.Ok;
        }, ct));
        // the state store's bench: a verb of its own under bench, as it needs no corpus
        command.Subcommands.Add(RetentionBenchCommand.Build());
        return command;
    }

    /// <summary>Writes the index's snapshot into a temporary folder and reads it back (what a start does when the
    /// snapshot is current: checking the key, reading, verifying and restoring the index): the first read, with JIT,
    /// then the median of a few.</summary>
    private static async Task<(long Bytes, double WriteMs, double LoadMs, double LoadColdMs)> MeasureSnapshotAsync(
        IServiceProvider services, KnowledgeIndexBuilder builder, KnowledgeIndex index, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("sofabot-bench-");
        try
        {
            var corpus = services.GetRequiredService<IOptions<CorpusOptions>>().Value;
            var store = new IndexSnapshotStore(folder.FullName, services.GetRequiredService<IOptions<ProjectsOptions>>().Value,
                services.GetRequiredService<IOptions<RetrievalOptions>>().Value, NullLogger<IndexSnapshotStore>.Instance);
            var corpusPath = index.KnowledgeBase.Root;
            var clock = Stopwatch.StartNew();
            store.Write(store.Key(corpusPath, corpus.MaxFileBytes), IndexSnapshot.Of(index));
            var writeMs = clock.Elapsed.TotalMilliseconds;
            var loads = new List<double>();
            for (var i = 0; i < 1 + WarmBuilds(index.KnowledgeBase.Pairs.Count); i++)
            {
                clock.Restart();
                var snapshot = store.TryRead(store.Key(corpusPath, corpus.MaxFileBytes)) ?? throw new InvalidOperationException($"the snapshot just written to {store.File} cannot be read back");
                await builder.RestoreAsync(snapshot, cancellationToken);
                loads.Add(clock.Elapsed.TotalMilliseconds);
            }

            return (new FileInfo(store.File).Length, writeMs, Percentile(loads.Skip(1).DefaultIfEmpty(loads[0]).ToList(), 0.5), loads[0]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Five warm builds of a real corpus; none of a grown one: each takes seconds (JIT is a small share of
    /// them) and a second build would measure the memory of two.</summary>
    private static int WarmBuilds(int pairs) => pairs <= 5_000 ? 5 : 0;

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
