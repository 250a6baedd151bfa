using Microsoft.Extensions.Diagnostics.HealthChecks;
using SofaBot.Storage;

namespace SofaBot.Hosting;

/// <summary><c>/healthz</c>: healthy once the corpus is indexed and the store answers.</summary>
internal sealed class ReadinessCheck(KnowledgeIndexService index, IStateStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!index.IsReady)
        {
            return HealthCheckResult.Unhealthy("the corpus is not indexed yet");
        }

        try
        {
            await store.GetCursorAsync("healthz", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("the state store does not answer: " + Diagnostics.LogMessages.Reason(e));
        }
    }
}
