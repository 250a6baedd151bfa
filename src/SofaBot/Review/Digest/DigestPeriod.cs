using System.Globalization;
using System.Text.RegularExpressions;

namespace SofaBot.Review.Digest;

/// <summary>How far back a digest goes, as <c>--since</c> and <c>?since=</c> write it: a whole number and a unit,
/// <c>24h</c>, <c>7d</c>, <c>2w</c>.</summary>
internal static partial class DigestPeriod
{
    public const string Default = "7d";

    /// <summary>The longest period: a year, as far as anything is kept (<c>Review:RetainDays</c> is 180 by default).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    /// <summary>The period, or null with <paramref name="error"/> saying what is wrong with the text.</summary>
    public static TimeSpan? Parse(string? text, out string? error)
    {
        error = null;
        var match = Shape().Match(text ?? "");
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
        {
            error = $"\"{text}\" is not a period: write a whole number above 0 and h, d or w (24h, 7d, 2w)";
            return null;
        }

        var period = match.Groups["unit"].Value switch
        {
            "h" => TimeSpan.FromHours(count),
            "d" => TimeSpan.FromDays(count),
            _ => TimeSpan.FromDays(7.0 * count),
        };
        if (period > Longest)
        {
            error = $"\"{text}\" is longer than {Longest.TotalDays:0} days";
            return null;
        }

        return period;
    }

    [GeneratedRegex(@"^(?<n>[0-9]{1,6})(?<unit>[hdw])$")]
    private static partial Regex Shape();
}
