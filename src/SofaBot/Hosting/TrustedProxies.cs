using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace SofaBot.Hosting;

/// <summary>Reads <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies of
/// <c>Hosting:TrustedProxies</c> only. Behind nginx terminating TLS, the request is then HTTPS (the sign-in cookie is
/// <c>Secure</c>, HSTS is sent) and the client's address is the one the limits count, not nginx's: without it every
/// maintainer shared nginx's address, and ten wrong sign-ins locked all of them out. From any other address the
/// headers are ignored, so nobody can pose as another client or as HTTPS by writing them.</summary>
internal static class TrustedProxies
{
    private const string Key = $"{TrustedProxyOptions.SectionName}:TrustedProxies";

    /// <summary>The default: a proxy on this host.</summary>
    public static readonly IReadOnlyList<IPNetwork> Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>());
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in Networks(proxies.Value.TrustedProxies, out _))
            {
                forwarded.KnownIPNetworks.Add(network);
            }

            // every trusted hop is walked back, from the right: the first address that is not a trusted proxy is the
            // client, and what a client wrote to the left of it is never read
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>The networks the entries name (loopback when there are none, or all are blank); <paramref name="errors"/>
    /// names each entry that is neither an address nor a network.</summary>
    public static List<IPNetwork> Networks(string[] entries, out List<string> errors)
    {
        errors = [];
        // an entry left empty (Hosting__TrustedProxies__0=) is one not filled in, as unset
        if (entries.All(string.IsNullOrWhiteSpace))
        {
            return [.. Loopback];
        }

        List<IPNetwork> networks = [];
        for (var i = 0; i < entries.Length; i++)
        {
            foreach (var part in (entries[i] ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (string.Equals(part, "none", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // "10.0.0.1/8" is refused, not read as 10.0.0.0/8: it is a typo for one or the other
                if (IPNetwork.TryParse(part, out var network) && network.BaseAddress.Equals(IPAddress.Parse(part.Split('/')[0])))
                {
                    networks.Add(network);
                }
                else if (!part.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(part, out var address))
                {
                    networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
                }
                else
                {
                    errors.Add($"{Key}:{i} has \"{part}\", neither an IP address (10.0.0.5) nor a network (10.0.0.0/8, its address with the host bits zero); list the reverse proxies in front of SofaBot, or none");
                }
            }
        }

        return networks;
    }
}

/// <summary>Checks <c>Hosting:TrustedProxies</c> at start-up, naming each bad entry.</summary>
internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        TrustedProxies.Networks(options.TrustedProxies, out var errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
