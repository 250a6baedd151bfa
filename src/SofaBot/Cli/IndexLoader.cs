using Microsoft.Extensions.DependencyInjection;
using SofaBot.Retrieval;

namespace SofaBot.Cli;

/// <summary>The index every verb that answers starts with: from the snapshot when it is current, else built from the
/// corpus (see <see cref="KnowledgeIndexLoader"/>).</summary>
internal static class IndexLoader
{
    public static Task<KnowledgeIndex> LoadAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<KnowledgeIndexLoader>().LoadAsync(cancellationToken);
}
