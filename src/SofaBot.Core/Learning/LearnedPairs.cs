using System.Globalization;
using SofaBot.Corpus;

namespace SofaBot.Learning;

/// <summary>Learned Q&amp;A pairs as the knowledge base knows them.</summary>
public static class LearnedPairs
{
    /// <summary>The slug of the pseudo-weekly learned pairs belong to until they are published in a real one.</summary>
    public const string Slug = "sofabot-learned";

    /// <summary>The title of that pseudo-weekly (and of an exported file of learned pairs).</summary>
    public const string Title = "SofaBot 维护者审核的问答";

    /// <summary>The pair id of a learned pair stored under <paramref name="id"/>.</summary>
    public static string IdFor(long id) => Slug + ":" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>True for the pseudo-weekly of learned pairs, and for a file of learned pairs exported by
    /// <see cref="LearnedWeeklyWriter"/> and read back as a weekly (<c>sofabot-learned-20261121</c>): neither has a
    /// page on sofastack.tech, so renderers say "reviewed by maintainers" instead of linking one. So is a weekly digest
    /// (<see cref="DigestWeeklyWriter"/>, <c>sofabot-digest-20261206</c>) put in the corpus before it is published.</summary>
    public static bool IsLearned(Weekly weekly) =>
        weekly.Slug.Equals(Slug, StringComparison.OrdinalIgnoreCase)
        || weekly.Slug.StartsWith(Slug + "-", StringComparison.OrdinalIgnoreCase)
        || weekly.Slug.StartsWith(DigestWeeklyWriter.Slug + "-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Q&amp;A a learned pair entry stands for: one turn, in a pseudo-weekly dated the day (UTC) it
    /// was approved.</summary>
    /// <param name="entry">An entry of kind <see cref="LearnedKind.Pair"/>.</param>
    /// <param name="fallbackProject">The project when the entry names none; SOFAStack when null.</param>
    /// <exception cref="ArgumentException">The entry is not a pair, or has no id, question or answer.</exception>
    public static QaPair ToPair(LearnedEntry entry, ProjectLink? fallbackProject = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Kind != LearnedKind.Pair)
        {
            throw new ArgumentException($"learned entry {entry.Id} is an alternate question, not a pair", nameof(entry));
        }

        if (string.IsNullOrWhiteSpace(entry.PairId) || string.IsNullOrWhiteSpace(entry.Question) || string.IsNullOrWhiteSpace(entry.Answer))
        {
            throw new ArgumentException($"learned pair {entry.Id} has no pair id, question or answer", nameof(entry));
        }

        var project = entry is { ProjectName: { Length: > 0 } name, ProjectUrl: { Length: > 0 } url }
            ? new ProjectLink(name, url, LinkSource.Weekly)
            : fallbackProject ?? new ProjectLink("SOFAStack", "https://github.com/sofastack", LinkSource.Fallback);
        return new QaPair
        {
            Id = entry.PairId,
            Weekly = new Weekly(Slug, Title, DateOnly.FromDateTime(entry.ApprovedAt.UtcDateTime), SourceUrl: "", File: ""),
            Asker = entry.Asker,
            Turns = [new QaTurn(entry.Question, entry.Answer)],
            Project = project,
        };
    }
}
