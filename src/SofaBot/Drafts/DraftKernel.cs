using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using OpenAI;

namespace SofaBot.Drafts;

/// <summary>The Semantic Kernel the drafts (and translations) run on: one OpenAI-compatible chat service, nothing else
/// (no plugins, no function calling: a draft is grounded in the item alone).</summary>
internal static class DraftKernel
{
    public static Kernel Create(IOptions<AssistantOptions> options)
    {
        var settings = options.Value;
        var client = new OpenAIClient(
            // local servers (Ollama, vLLM) ignore the key, but the SDK wants one
            new ApiKeyCredential(string.IsNullOrWhiteSpace(settings.ApiKey) ? "unused" : settings.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(settings.Endpoint!),
                NetworkTimeout = settings.Timeout,
                // no retries: a draft is a nicety, and a retried 500 would outlast the timeout for nothing
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            });
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion(settings.Model!, client);
        return builder.Build();
    }
}
