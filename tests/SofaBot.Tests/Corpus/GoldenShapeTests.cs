using System.Text.Encodings.Web;
using System.Text.Json;
using SofaBot.Corpus;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Corpus;

/// <summary>Golden files pin the tricky shapes of the weeklies: each TestData/shapes/&lt;name&gt;.md (or .txt) is
/// parsed with the real loader and must give exactly &lt;name&gt;.expected.json. After a deliberate parser change,
/// regenerate with SOFABOT_UPDATE_GOLDEN=1 and review the diff like code.</summary>
public sealed class GoldenShapeTests
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TheoryData<string> Shapes() => new(ShapeFiles());

    private static IEnumerable<string> ShapeFiles() => Directory.EnumerateFiles(TestPaths.ShapesSource)
        .Where(f => !f.EndsWith(".json", StringComparison.Ordinal))
        .Select(f => Path.GetFileName(f)!)
        .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_parses_to_its_golden_pairs(string shape)
    {
        var source = Path.Combine(TestPaths.ShapesSource, shape);
        var kb = TestCorpus.Load(source);
        var actual = JsonSerializer.Serialize(Snapshot(kb), Json) + "\n";

        var golden = Path.ChangeExtension(source, ".expected.json");
        if (Environment.GetEnvironmentVariable("SOFABOT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        Assert.True(File.Exists(golden), $"no golden file {golden}; run once with SOFABOT_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(golden), actual);
    }

    [Fact]
    public void Every_shape_has_pairs_and_a_golden_file()
    {
        foreach (var shape in ShapeFiles())
        {
            Assert.NotEmpty(TestCorpus.Load(Path.Combine(TestPaths.ShapesSource, shape)).Pairs);
        }
    }

    private static object Snapshot(KnowledgeBase kb) => new
    {
        weeklies = kb.Weeklies.Select(w => new { w.Slug, w.Title, Date = w.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), w.SourceUrl }),
        pairs = kb.Pairs.Select(p => new
        {
            p.Id,
            p.Line,
            p.Asker,
            p.Topic,
            Turns = p.Turns.Select(t => new { t.Question, t.Answer }),
            Project = $"{p.Project.Name} {p.Project.Url} ({p.Project.Source.ToString().ToLowerInvariant()})",
            p.IssueUrl,
        }),
        warnings = kb.Warnings.Select(w => w.ToString()),
    };
}
