using System.Net;
using System.Net.Sockets;

namespace SofaBot.Review.Web;

/// <summary>How many wrong maintainer tokens one address may send the review API: 10 a minute, then every request
/// from it is refused until the minute is over, before its token is even compared. Without it the API answered about
/// a thousand guesses a second from one address. Only wrong tokens count: a try is taken before the check and given
/// back when the token was right, so a maintainer's scripts are never slowed by their own calls, and one address's
/// guesses never touch another's tries.</summary>
/// <remarks>The address is the client's as the forwarded headers of a trusted proxy say (<c>Hosting:TrustedProxies</c>),
/// else the connection's. An IPv6 address counts by its /64, the block a single host is usually given, so a guesser
/// cannot take a fresh address for every ten guesses. Windows are fixed minutes per address, on the host's clock so
/// tests move time instead of waiting.</remarks>
internal sealed class TokenGuessLimit(TimeProvider time)
{
    public const int PerMinute = 10;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // past this many addresses, the ones whose minute is over are dropped, so a spray of addresses cannot grow it for ever
    private const int SweepAbove = 4096;

    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Takes one try for the address. Refused with how long until its next minute once it has used all of
    /// this one's; <see cref="Refusal.First"/> says whether this is the first refusal of the minute (to log once).</summary>
    public Refusal? TryTake(IPAddress? address)
    {
        var key = PartitionOf(address);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_tallies.TryGetValue(key, out var tally) || now >= tally.Start + Window)
            {
                if (_tallies.Count >= SweepAbove)
                {
                    Sweep(now);
                }

                tally = new Tally { Start = now };
                _tallies[key] = tally;
            }

            if (tally.Taken < PerMinute)
            {
                tally.Taken++;
                return null;
            }

            var first = !tally.Refused;
            tally.Refused = true;
            return new Refusal(tally.Start + Window - now, first);
        }
    }

    /// <summary>Gives back the try taken for a token that turned out right: it was no guess.</summary>
    public void GiveBack(IPAddress? address)
    {
        lock (_gate)
        {
            if (_tallies.TryGetValue(PartitionOf(address), out var tally) && tally.Taken > 0)
            {
                tally.Taken--;
            }
        }
    }

    /// <summary>The address the tries are counted under: IPv4 as it is, IPv6 by its /64.</summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, tally) in _tallies)
        {
            if (now >= tally.Start + Window)
            {
                _tallies.Remove(key);
            }
        }
    }

    /// <summary>A refused try: how long until the address may try again, and whether it is the minute's first.</summary>
    public sealed record Refusal(TimeSpan RetryAfter, bool First);

    private sealed class Tally
    {
        public DateTimeOffset Start { get; init; }

        public int Taken { get; set; }

        public bool Refused { get; set; }
    }
}
