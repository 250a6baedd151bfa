namespace SofaBot.Corpus;

/// <summary>Where a pair's project link came from.</summary>
public enum LinkSource
{
    /// <summary>The weekly printed the project's canonical link.</summary>
    Weekly,

    /// <summary>The weekly printed a link, but the project map corrected its project or URL.</summary>
    Corrected,

    /// <summary>The weekly printed no link; the project map identified the project from the text.</summary>
    Filled,

    /// <summary>Nothing identified a project; the link is the map's fallback (the SOFAStack organisation).</summary>
    Fallback,
}

/// <summary>The project a pair is about and its GitHub link, with what the weekly itself printed.</summary>
/// <param name="Name">The project's name from the project map (for example <c>SOFAJRaft</c>).</param>
/// <param name="Url">The project's canonical GitHub repository.</param>
/// <param name="Source">How the link was decided.</param>
/// <param name="GivenLabel">The label of the link line in the weekly, if it had one.</param>
/// <param name="GivenUrl">The URL of the link line in the weekly, if it had one.</param>
public sealed record ProjectLink(string Name, string Url, LinkSource Source, string? GivenLabel = null, string? GivenUrl = null)
{
    /// <summary>True when the project map, not the weekly, decided the link.</summary>
    public bool FromProjectMap => Source != LinkSource.Weekly;
}
