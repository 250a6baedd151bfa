using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using OpenAI.Chat;
using SofaBot.Messaging;
using SofaBot.Review;

namespace SofaBot.Drafts;

/// <summary>Writes one item's draft: runs the prompt template against the model, reads its JSON, keeps only the
/// candidates' links. Returns null when there is no draft to keep; a slow, failing or malformed answer is logged with
/// exactly one warning. Never throws but for shutdown.</summary>
internal sealed partial class DraftWriter(
    Kernel kernel,
    ChatLanguage language,
    Clock clock,
    IOptions<AssistantOptions> options,
    IHostEnvironment environment,
    ILogger<DraftWriter> logger)
{
    public async Task<ReviewDraft?> WriteAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (item.Candidates.Count == 0)
        {
            // grounded in the candidates alone: with none there is nothing to draft from
            LogNoCandidates(item.Id);
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var started = Stopwatch.GetTimestamp();
        FunctionResult result;
        try
        {
            var function = await DraftPrompt.LoadAsync(DraftPrompt.PathOf(settings, environment.ContentRootPath), timeout.Token);
            result = await function.InvokeAsync(kernel, DraftPrompt.Arguments(item, language.IsEnglish(item.Message)), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogSlow(item.Id, settings.Model!, settings.TimeoutSeconds);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // HTTP errors, a refused connection, a body the SDK cannot read, a template that no longer parses
            LogFailed(item.Id, settings.Model!, Diagnostics.LogMessages.Reason(e));
            return null;
        }

        var (prompt, completion) = Usage(result);
        var (text, candidate, malformed) = DraftAnswer.Read(result.GetValue<string>(), item.Candidates.Count, settings.MaxDraftChars);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (malformed is not null)
        {
            LogMalformed(item.Id, settings.Model!, malformed, prompt, completion);
            return null;
        }

        if (text is null)
        {
            LogNoFit(item.Id, settings.Model!, prompt, completion);
            return null;
        }

        var (kept, removed) = CandidateLinks.Keep(text, CandidateLinks.Allowed(item.Candidates));
        if (kept.Length == 0)
        {
            LogMalformed(item.Id, settings.Model!, "nothing is left once links outside the candidates are removed", prompt, completion);
            return null;
        }

        LogDrafted(item.Id, settings.Model!, candidate, prompt, completion, elapsed, removed);
        return new ReviewDraft(kept, settings.Model!, clock.UtcNow, candidate);
    }

    /// <summary>Prompt and completion tokens as the endpoint reported them (null when it did not).</summary>
    internal static (int? Prompt, int? Completion) Usage(FunctionResult result) =>
        result.Metadata?.TryGetValue("Usage", out var usage) == true && usage is ChatTokenUsage tokens
            ? (tokens.InputTokenCount, tokens.OutputTokenCount)
            : (null, null);

    [LoggerMessage(3800, LogLevel.Information, "Draft for review item {Id} by {Model}: draws on #{Candidate}; tokens: {PromptTokens} prompt, {CompletionTokens} completion; {Milliseconds:0} ms; {Removed} links outside the candidates removed")]
    private partial void LogDrafted(long id, string model, int candidate, int? promptTokens, int? completionTokens, double milliseconds, int removed);

    [LoggerMessage(3801, LogLevel.Warning, "No draft for review item {Id}: {Model} did not answer within {Seconds} s (Assistant:TimeoutSeconds)")]
    private partial void LogSlow(long id, string model, int seconds);

    [LoggerMessage(3802, LogLevel.Warning, "No draft for review item {Id}: {Model} failed: {Reason}")]
    private partial void LogFailed(long id, string model, string reason);

    [LoggerMessage(3803, LogLevel.Warning, "No draft for review item {Id}: the answer of {Model} is malformed: {Reason}; tokens: {PromptTokens} prompt, {CompletionTokens} completion")]
    private partial void LogMalformed(long id, string model, string reason, int? promptTokens, int? completionTokens);

    [LoggerMessage(3804, LogLevel.Information, "No draft for review item {Id}: {Model} found no candidate that answers it; tokens: {PromptTokens} prompt, {CompletionTokens} completion")]
    private partial void LogNoFit(long id, string model, int? promptTokens, int? completionTokens);

    [LoggerMessage(3805, LogLevel.Debug, "No draft for review item {Id}: it has no candidates to draw on")]
    private partial void LogNoCandidates(long id);
}
