using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SofaBot.Drafts;

namespace SofaBot.Hosting;

/// <summary>Registers the maintainers' drafts (issue 14): the <c>Assistant</c> settings, the queue that review items
/// join when opened, the background worker, and the answers' optional English translation. Without <c>Assistant:Endpoint</c> and <c>Assistant:Model</c> the queue
/// takes nothing and the worker ends at once: no kernel is built, no model is called.</summary>
internal static class DraftServices
{
    public static IServiceCollection AddSofaBotDrafts(this IServiceCollection services)
    {
        services.AddOptions<AssistantOptions>().BindConfiguration(AssistantOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AssistantOptions>, AssistantOptionsValidator>());
        services.AddSingleton<DraftQueue>();
        services.AddSingleton(sp => DraftKernel.Create(sp.GetRequiredService<IOptions<AssistantOptions>>()));
        services.AddSingleton<DraftWriter>();
        services.AddSingleton<AnswerTranslator>();
        services.AddHostedService<DraftWorker>();
        return services;
    }
}
