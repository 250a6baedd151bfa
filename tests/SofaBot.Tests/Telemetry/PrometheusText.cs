using System.Globalization;
using System.Text.RegularExpressions;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Telemetry;

/// <summary>A scrape of <c>/metrics</c> read as Prometheus reads it: a sample is found by its name and labels.</summary>
public sealed partial class PrometheusText(string text)
{
    public string Text => text;

    /// <summary>The value of the first sample named <paramref name="name"/> that has every one of
    /// <paramref name="labels"/> (it may have more, like <c>otel_scope_name</c>); null when there is none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        foreach (var line in text.Split('\n'))
        {
            var sample = Sample().Match(line.TrimEnd('\r'));
            if (!sample.Success || sample.Groups["name"].Value != name)
            {
                continue;
            }

            var found = Label().Matches(sample.Groups["labels"].Value).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            if (labels.All(l => found.TryGetValue(l.Label, out var value) && value == l.Value))
            {
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>The <c>le</c> bounds of a histogram's buckets, in order.</summary>
    public IReadOnlyList<string> Buckets(string histogram) =>
        [.. text.Split('\n').Where(l => l.StartsWith(histogram + "_bucket{", StringComparison.Ordinal)).Select(l => LeLabel().Match(l).Groups["le"].Value).Distinct()];

    /// <summary>GETs <c>/metrics</c> (it must answer 200 in Prometheus' text format).</summary>
    public static async Task<PrometheusText> ScrapeAsync(string baseUrl)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(baseUrl + "/metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until the sample has the value (the bot counts after the platform has the reply, so a scrape
    /// right after may be early); returns that scrape.</summary>
    public static async Task<PrometheusText> UntilAsync(string baseUrl, string name, double expected, params (string Label, string Value)[] labels)
    {
        PrometheusText last = new("");
        await Eventually.UntilAsync(
            async () => (last = await ScrapeAsync(baseUrl)).Value(name, labels) == expected,
            $"{name}{{{string.Join(',', labels.Select(l => $"{l.Label}=\"{l.Value}\""))}}} {expected}");
        return last;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    [GeneratedRegex(@"le=""(?<le>[^""]*)""")]
    private static partial Regex LeLabel();
}
