using Microsoft.Extensions.DependencyInjection;
using SofaBot.Corpus;
using SofaBot.Retrieval;

namespace SofaBot.Cli;

/// <summary>Loads the knowledge base and indexes it, the start of every verb that answers.</summary>
internal static class IndexLoader
{
    public static Task<KnowledgeIndex> LoadAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<KnowledgeIndexBuilder>().BuildAsync(services.GetRequiredService<KnowledgeBase>(), cancellationToken);
}
