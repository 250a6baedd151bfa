using SofaBot.Corpus;
using SofaBot.Projects;
using SofaBot.Retrieval.Text;

namespace SofaBot.Retrieval.Units;

/// <summary>What units pairs make, and the texts a unit is indexed and embedded by.</summary>
public static class UnitSource
{
    /// <summary>The units of the pairs, in the order they are indexed: every turn of every answered pair.</summary>
    internal static IEnumerable<(QaPair Pair, int Turn, Project Project, string RepublishKey)> Of(IEnumerable<QaPair> pairs, ProjectCatalog catalog)
    {
        foreach (var pair in pairs.Where(p => p.IsAnswered))
        {
            var project = catalog.FindByName(pair.Project.Name) ?? catalog.Fallback;
            var republishKey = pair.RepublishKey;
            for (var turn = 0; turn < pair.Turns.Count; turn++)
            {
                yield return (pair, turn, project, republishKey);
            }
        }
    }

    /// <summary>The texts the units are made of (question and answer), for training the corpus embedder.</summary>
    public static IEnumerable<string> TrainingTexts(IEnumerable<QaPair> pairs) =>
        pairs.Where(p => p.IsAnswered).SelectMany(p => p.Turns.Select(t => QuestionText(p, t) + "\n" + PlainText.FromMarkdown(t.Answer)));

    /// <summary>A turn's question as its unit is indexed: the group topic it was printed under, then the question.</summary>
    public static string QuestionText(QaPair pair, QaTurn turn) =>
        PlainText.FromMarkdown((pair.Topic is null ? "" : pair.Topic + "\n") + turn.Question);

    /// <summary>The text a unit is embedded by: its alternate wording, or its turn's question.</summary>
    internal static string EmbeddingText(RetrievalUnit unit) =>
        unit.AlternateQuestion is { } alternate ? PlainText.FromMarkdown(alternate) : QuestionText(unit.Pair, unit.Content);
}
