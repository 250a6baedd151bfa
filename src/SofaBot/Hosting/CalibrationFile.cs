using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using SofaBot.Answering;
using SofaBot.Answering.Calibration;
using SofaBot.Json;

namespace SofaBot.Hosting;

/// <summary><c>data/calibration.json</c>: the confidence weights and bars <c>calibrate</c> fitted, read by
/// <c>serve</c>, <c>ask</c> and <c>eval</c> as a configuration source after appsettings.json and before environment
/// variables (so an operator's variable still wins). Optional: without it, appsettings.json's values hold.</summary>
internal static class CalibrationFile
{
    /// <summary>Where the file is, relative to the content root; read from appsettings.json and the environment.</summary>
    public const string PathKey = "Calibration:Path";

    public const string DefaultPath = "data/calibration.json";

    // the keys as configuration spells them, indented for the people who read the file
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(PlainJson.Web()) { WriteIndented = true, PropertyNamingPolicy = null, DictionaryKeyPolicy = null };

    /// <summary>The file's full path for this configuration and content root.</summary>
    public static string Locate(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(Path.Combine(contentRoot, configuration[PathKey] is { Length: > 0 } configured ? configured : DefaultPath));

    /// <summary>Adds the file as a source right after the last appsettings*.json, before the environment variables.</summary>
    public static void AddTo(ConfigurationManager configuration, string contentRoot)
    {
        var path = Locate(configuration, contentRoot);
        var source = new CalibrationFileSource { FullPath = path, Path = path, Optional = true, ReloadOnChange = false };
        // a folder that does not exist yet has no file in it: there is nothing to read
        source.ResolveFileProvider();
        if (source.FileProvider is null)
        {
            return;
        }

        IList<IConfigurationSource> sources = ((IConfigurationBuilder)configuration).Sources;
        var after = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is JsonConfigurationSource { Path: { } p } && p.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase));
        sources.Insert(after.s is null ? sources.Count : after.i + 1, source);
    }

    /// <summary>The keys the file may set: the two bars and the weights (<see cref="ConfidenceFeatures.Names"/> and the
    /// intercept).</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        $"{AnsweringOptions.SectionName}:{nameof(AnsweringOptions.AutoAnswerMinConfidence)}",
        $"{AnsweringOptions.SectionName}:{nameof(AnsweringOptions.SuggestMinConfidence)}",
        $"{AnsweringOptions.SectionName}:{nameof(AnsweringOptions.Confidence)}:{nameof(ConfidenceWeights.Intercept)}",
        .. ConfidenceFeatures.Names.Select(name => $"{AnsweringOptions.SectionName}:{nameof(AnsweringOptions.Confidence)}:{name}"),
    ];

    /// <summary>Writes the file atomically: a whole new file renamed over the old, so a host starting meanwhile reads
    /// the old one or the new one, never half of either.</summary>
    public static void Write(string path, ConfidenceModel model, float answerBar, float suggestBar)
    {
        var weights = new Dictionary<string, double> { [nameof(ConfidenceWeights.Intercept)] = Round(model.Intercept) };
        foreach (var (name, weight) in ConfidenceFeatures.Names.Zip(model.Weights))
        {
            weights[name] = Round(weight);
        }

        var json = System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, object>
            {
                [AnsweringOptions.SectionName] = new Dictionary<string, object>
                {
                    [nameof(AnsweringOptions.AutoAnswerMinConfidence)] = (double)answerBar,
                    [nameof(AnsweringOptions.SuggestMinConfidence)] = (double)suggestBar,
                    [nameof(AnsweringOptions.Confidence)] = weights,
                },
            },
            Json);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.tmp");
        File.WriteAllText(temporary, json + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Weights to 4 decimals: the file is read by people too. The bars are kept exact: rounded, a bar could
    /// fall below the confidence it was measured at.</summary>
    private static double Round(float weight) => Math.Round(weight, 4);
}

/// <summary>The calibration file as a configuration source.</summary>
internal sealed class CalibrationFileSource : JsonConfigurationSource
{
    /// <summary>The file's full path, for messages (<see cref="FileConfigurationSource.Path"/> becomes its name alone).</summary>
    public string FullPath { get; init; } = "";

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new CalibrationFileProvider(this);
    }
}

/// <summary>Reads the calibration file; what is wrong in it (not JSON, a key it may not set, a value that is not a
/// number) is kept as a problem that <see cref="CalibrationFileValidator"/> reports with the other bad settings,
/// naming the file and the key, instead of failing the start with a parser's stack trace. A bad value is left out.</summary>
internal sealed class CalibrationFileProvider(CalibrationFileSource source) : JsonConfigurationProvider(source)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    private string FilePath => source.FullPath;

    public override void Load(Stream stream)
    {
        _problems.Clear();
        try
        {
            base.Load(stream);
        }
        catch (FormatException e)
        {
            _problems.Add($"{FilePath} is not a JSON object of settings ({e.InnerException?.Message ?? e.Message}); run calibrate again or delete it");
            Data.Clear();
            return;
        }

        foreach (var (key, value) in Data.ToList())
        {
            if (!CalibrationFile.Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                _problems.Add($"{FilePath}: {key} is not a setting calibration writes (it writes {string.Join(", ", CalibrationFile.Keys)})");
                Data.Remove(key);
            }
            else if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !float.IsFinite(number))
            {
                _problems.Add($"{FilePath}: {key} must be a number (was \"{value}\")");
                Data.Remove(key);
            }
        }
    }
}
