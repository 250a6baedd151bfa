namespace SofaBot.Tests.Fixtures;

/// <summary>A real folder under the system temp directory, deleted when the test ends.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("sofabot-tests-").FullName;
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var file = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var file = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public string Combine(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is not worth failing a test over
        }
    }
}
