namespace SofaBot.Hosting;

/// <summary>The <c>Hosting</c> section: which reverse proxies may say, in <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, who the client is and whether it came over HTTPS.</summary>
internal sealed class TrustedProxyOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Addresses (<c>10.0.0.5</c>) and networks (<c>10.0.0.0/8</c>) of the proxies in front, each entry one
    /// or several separated by commas; <c>none</c> trusts no proxy. Unset: loopback only (<c>127.0.0.0/8</c>,
    /// <c>::1</c>), a proxy on the same host. Forwarded headers from any other address are ignored.</summary>
    public string[] TrustedProxies { get; set; } = [];
}
