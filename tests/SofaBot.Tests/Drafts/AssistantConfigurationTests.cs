using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SofaBot.Hosting;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Drafts;

/// <summary>Bad <c>Assistant</c> settings stop the start naming the key; the API key is taken from the environment
/// only, so one in a configuration file stops the start too, without printing it.</summary>
public sealed class AssistantConfigurationTests
{
    private static async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var state = new TempDirectory();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => BotUnderTest.StartAsync(state, settings));
        return e.Message;
    }

    [Fact]
    public async Task A_bad_endpoint_a_missing_model_or_timeout_stops_the_start_naming_the_key()
    {
        var endpoint = await StartFailureAsync(new() { ["Assistant:Endpoint"] = "127.0.0.1:11434/v1", ["Assistant:Model"] = "qwen2.5", ["Assistant:TimeoutSeconds"] = "0" });
        var model = await StartFailureAsync(new() { ["Assistant:Endpoint"] = "http://127.0.0.1:11434/v1" });
        var translate = await StartFailureAsync(new() { ["Assistant:TranslateAnswers"] = "true" });

        Assert.Contains("Assistant:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1 (was \"127.0.0.1:11434/v1\")", endpoint, StringComparison.Ordinal);
        Assert.Contains("Assistant:TimeoutSeconds is 0; use 1 to 300", endpoint, StringComparison.Ordinal);
        Assert.Contains("Assistant:Model is empty; with Assistant:Endpoint set", model, StringComparison.Ordinal);
        Assert.Contains("Assistant:TranslateAnswers is on but Assistant:Endpoint and Assistant:Model are not both set", translate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_template_that_is_missing_stops_the_start_naming_the_key()
    {
        var message = await StartFailureAsync(new() { ["Assistant:Endpoint"] = "http://127.0.0.1:11434/v1", ["Assistant:Model"] = "qwen2.5", ["Assistant:PromptPath"] = "prompts/nope.txt" });

        Assert.Contains("Assistant:PromptPath: the prompt template ", message, StringComparison.Ordinal);
        Assert.Contains("nope.txt does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_template_that_is_not_xml_stops_the_start_rather_than_lose_its_rules()
    {
        using var folder = new TempDirectory();
        var template = folder.Combine("draft.skprompt.txt");
        await File.WriteAllTextAsync(template, """
            <message role="system">Reply {"candidate": <number>, "answer": "..."}</message>
            <message role="user">{{$question}} {{$candidates}}</message>
            """);

        var message = await StartFailureAsync(new() { ["Assistant:Endpoint"] = "http://127.0.0.1:11434/v1", ["Assistant:Model"] = "qwen2.5", ["Assistant:PromptPath"] = template });

        Assert.Contains($"Assistant:PromptPath: the prompt template {template} has <message> blocks but is not well-formed XML", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_key_in_a_json_file_stops_the_start_naming_the_key_and_the_variable_to_use()
    {
        using var state = new TempDirectory();
        var file = state.Combine("appsettings.Production.json");
        File.WriteAllText(file, """{ "Assistant": { "ApiKey": "sk-live-0123456789abcdef" } }""");

        var e = Assert.Throws<OptionsValidationException>(() => BotHost.Build(["--urls", "http://127.0.0.1:0"], TestPaths.BundledCorpus, builder =>
        {
            builder.Configuration.AddJsonFile(file);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:ConnectionString"] = $"Data Source={state.Combine("sofabot.db")}" });
        }));

        Assert.Contains($"Assistant:ApiKey is set in {file}", e.Message, StringComparison.Ordinal);
        Assert.Contains("set it through the environment (Assistant__ApiKey)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_from_outside_a_file_is_taken_and_sent_as_the_bearer_token()
    {
        await using var model = await FakeChatServer.StartAsync();
        model.Content = DraftBed.Json(1, DraftBed.GoodDraft);
        var settings = DraftBed.Settings(model);
        settings["Assistant:ApiKey"] = "sk-from-the-environment";
        await using var bed = await Review.ReviewBed.StartAsync(settings);

        await bed.AskAsync(Review.ReviewBed.SuggestQuestion);

        await Eventually.UntilAsync(() => model.Requests.Count > 0, "the draft request");
        Assert.Equal("Bearer sk-from-the-environment", model.Requests[0].Authorization);
    }
}
