namespace SofaBot.Hosting;

/// <summary>Where appsettings.json, the corpus and the data folder are found.</summary>
internal static class ContentRoot
{
    /// <summary>The current directory when it holds appsettings.json (running from the repository), else the
    /// program's own folder, where the build copies appsettings.json and the sample corpus.</summary>
    public static string Find()
    {
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }
}
