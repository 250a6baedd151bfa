namespace SofaBot.Hosting;

/// <summary>This process among the replicas sharing a store: the name it holds leases under. Host and process id say
/// which one it is in a log or a table; the random part keeps a restarted process with a recycled pid from taking for
/// its own a lease its predecessor held.</summary>
internal sealed class Replica
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
