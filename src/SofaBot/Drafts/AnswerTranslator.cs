using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using SofaBot.Messaging;

namespace SofaBot.Drafts;

/// <summary><c>Assistant:TranslateAnswers</c> (off by default): an English question auto-answered from a Chinese weekly
/// gets an English rendering of the answer, marked as machine-translated, under the original. Runs the template
/// <c>prompts/translate.skprompt.txt</c>; bounded by <c>Assistant:TimeoutSeconds</c>; whatever goes wrong, the
/// original answer goes out alone, with one warning.</summary>
internal sealed partial class AnswerTranslator(
    IServiceProvider services,
    IOptions<AssistantOptions> options,
    IHostEnvironment environment,
    ILogger<AnswerTranslator> logger)
{
    public const string PromptPath = "prompts/translate.skprompt.txt";

    /// <summary>The reply, with a translation when one is called for and the model gave one in time.</summary>
    public async Task<OutgoingReply> AddAsync(OutgoingReply reply, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.TranslateAnswers || reply is not AnswerReply { English: true } answer
            || ReplyWording.Answer(answer).Markdown is not { } original || ChatLanguage.Of(original) != false)
        {
            return reply;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var started = Stopwatch.GetTimestamp();
        string? translated;
        FunctionResult result;
        try
        {
            // resolved here, not injected: without TranslateAnswers no kernel is ever built
            var kernel = services.GetRequiredService<Kernel>();
            var template = await File.ReadAllTextAsync(Path.GetFullPath(PromptPath, environment.ContentRootPath), timeout.Token);
            result = await kernel.InvokePromptAsync(template, new KernelArguments { ["answer"] = original }, cancellationToken: timeout.Token);
            translated = result.GetValue<string>()?.Trim();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotTranslated(answer.Match.Pair.Id, $"no answer within {settings.TimeoutSeconds} s (Assistant:TimeoutSeconds)");
            return reply;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotTranslated(answer.Match.Pair.Id, Diagnostics.LogMessages.Reason(e));
            return reply;
        }

        if (string.IsNullOrEmpty(translated) || ChatLanguage.Of(translated) != true)
        {
            LogNotTranslated(answer.Match.Pair.Id, "the model's answer is empty or not English");
            return reply;
        }

        // the same rule as drafts: no link the weekly did not give
        var pair = answer.Match.Pair;
        var allowed = CandidateLinks.Allowed([new Review.ReviewCandidate(pair.Id, answer.Match.Turn, "", original, pair.Project.Name, pair.Project.Url, "", pair.Weekly.SourceUrl, 0)]);
        var (kept, removed) = CandidateLinks.Keep(translated, allowed);
        var (prompt, completion) = DraftWriter.Usage(result);
        LogTranslated(pair.Id, settings.Model!, prompt, completion, Stopwatch.GetElapsedTime(started).TotalMilliseconds, removed);
        return answer with { Translation = TextCut.AtSentenceEnd(kept, answer.MaxAnswerChars) };
    }

    [LoggerMessage(3815, LogLevel.Information, "Translated the answer of {Pair} into English with {Model}; tokens: {PromptTokens} prompt, {CompletionTokens} completion; {Milliseconds:0} ms; {Removed} links removed")]
    private partial void LogTranslated(string pair, string model, int? promptTokens, int? completionTokens, double milliseconds, int removed);

    [LoggerMessage(3816, LogLevel.Warning, "The answer of {Pair} goes out without an English translation: {Reason}")]
    private partial void LogNotTranslated(string pair, string reason);
}
