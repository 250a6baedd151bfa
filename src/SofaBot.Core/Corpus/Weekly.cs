namespace SofaBot.Corpus;

/// <summary>One SOFA Weekly newsletter, as read from a file of the corpus.</summary>
/// <param name="Slug">The post's slug: the file stem, or the folder name of a Hugo bundle (<c>slug/index.md</c>).</param>
/// <param name="Title">The title from the front matter (or the first line of a plain-text export).</param>
/// <param name="Date">The publication date as written in the front matter, when there is one.</param>
/// <param name="SourceUrl">Where the weekly is published: <c>https://www.sofastack.tech/blog/&lt;slug&gt;/</c>.</param>
/// <param name="File">The file's path relative to the corpus root, with forward slashes.</param>
public sealed record Weekly(string Slug, string Title, DateOnly? Date, string SourceUrl, string File)
{
    public const string SiteBlogUrl = "https://www.sofastack.tech/blog/";

    public static string UrlForSlug(string slug) => SiteBlogUrl + Uri.EscapeDataString(slug) + "/";
}
