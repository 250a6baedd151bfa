using System.Globalization;

namespace SofaBot.Learning;

/// <summary>Learned Q&amp;A pairs as the knowledge base knows them.</summary>
public static class LearnedPairs
{
    /// <summary>The slug of the pseudo-weekly learned pairs belong to until they are published in a real one.</summary>
    public const string Slug = "sofabot-learned";

    /// <summary>The pair id of a learned pair stored under <paramref name="id"/>.</summary>
    public static string IdFor(long id) => Slug + ":" + id.ToString(CultureInfo.InvariantCulture);
}
