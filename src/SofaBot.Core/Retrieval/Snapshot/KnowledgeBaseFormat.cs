using SofaBot.Corpus;

namespace SofaBot.Retrieval.Snapshot;

/// <summary>The knowledge base in the snapshot: every weekly, pair, warning and count the corpus loader made, so a
/// start from the snapshot needs neither Markdig nor YamlDotNet.</summary>
/// <remarks>A field added to the model must be added here too; the round-trip test compares every public property
/// of the restored knowledge base with the loaded one, so a forgotten field fails it.</remarks>
internal static class KnowledgeBaseFormat
{
    public static void Write(SnapshotWriter writer, KnowledgeBase knowledgeBase)
    {
        writer.Write(knowledgeBase.Root);
        var weeklyIds = new Dictionary<Weekly, int>(ReferenceEqualityComparer.Instance);
        writer.Write(knowledgeBase.Weeklies.Count);
        foreach (var weekly in knowledgeBase.Weeklies)
        {
            weeklyIds.Add(weekly, weeklyIds.Count);
            writer.Write(weekly.Slug);
            writer.Write(weekly.Title);
            writer.Write(weekly.Date?.DayNumber ?? -1);
            writer.Write(weekly.SourceUrl);
            writer.Write(weekly.File);
        }

        writer.Write(knowledgeBase.Pairs.Count);
        foreach (var pair in knowledgeBase.Pairs)
        {
            writer.Write(pair.Id);
            writer.Write(weeklyIds[pair.Weekly]);
            writer.WriteNullable(pair.Asker);
            writer.WriteNullable(pair.Topic);
            writer.Write(pair.Turns.Count);
            foreach (var turn in pair.Turns)
            {
                writer.Write(turn.Question);
                writer.Write(turn.Answer);
            }

            writer.Write(pair.Project.Name);
            writer.Write(pair.Project.Url);
            writer.Write((int)pair.Project.Source);
            writer.WriteNullable(pair.Project.GivenLabel);
            writer.WriteNullable(pair.Project.GivenUrl);
            writer.WriteNullable(pair.IssueUrl);
            writer.Write(pair.Line);
        }

        writer.Write(knowledgeBase.Warnings.Count);
        foreach (var warning in knowledgeBase.Warnings)
        {
            writer.Write(warning.File);
            writer.Write(warning.Line ?? -1);
            writer.Write(warning.Message);
        }

        var stats = knowledgeBase.Stats;
        foreach (var count in (int[])[stats.FilesRead, stats.FilesSkipped, stats.FilesWithQa, stats.Pairs, stats.Turns, stats.PairsWithoutAnswer, stats.Warnings])
        {
            writer.Write(count);
        }

        writer.Write(stats.Links.Count);
        foreach (var (source, count) in stats.Links)
        {
            writer.Write((int)source);
            writer.Write(count);
        }

        writer.Write(BitConverter.DoubleToInt64Bits(stats.ElapsedMilliseconds));
    }

    public static KnowledgeBase Read(SnapshotReader reader)
    {
        var root = reader.ReadString();
        var weeklies = new Weekly[reader.Count(reader.ReadInt32())];
        for (var i = 0; i < weeklies.Length; i++)
        {
            weeklies[i] = new Weekly(reader.ReadString(), reader.ReadString(), Date(reader.ReadInt32()), reader.ReadString(), reader.ReadString());
        }

        var pairs = new QaPair[reader.Count(reader.ReadInt32())];
        for (var i = 0; i < pairs.Length; i++)
        {
            var id = reader.ReadString();
            var weekly = reader.ReadInt32();
            var asker = reader.ReadNullable();
            var topic = reader.ReadNullable();
            var turns = new QaTurn[reader.Count(reader.ReadInt32())];
            for (var t = 0; t < turns.Length; t++)
            {
                turns[t] = new QaTurn(reader.ReadString(), reader.ReadString());
            }

            pairs[i] = new QaPair
            {
                Id = id,
                Weekly = (uint)weekly < (uint)weeklies.Length ? weeklies[weekly] : throw new InvalidDataException($"weekly {weekly} of {weeklies.Length}"),
                Asker = asker,
                Topic = topic,
                Turns = turns.Length > 0 ? turns.ToList() : throw new InvalidDataException($"pair {id} has no turn"),
                Project = new ProjectLink(reader.ReadString(), reader.ReadString(), Source(reader.ReadInt32()), reader.ReadNullable(), reader.ReadNullable()),
                IssueUrl = reader.ReadNullable(),
                Line = reader.ReadInt32(),
            };
        }

        var warnings = new CorpusWarning[reader.Count(reader.ReadInt32())];
        for (var i = 0; i < warnings.Length; i++)
        {
            warnings[i] = new CorpusWarning(reader.ReadString(), reader.ReadInt32() is var line and >= 0 ? line : null, reader.ReadString());
        }

        var counts = new int[7];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = reader.ReadInt32();
        }

        var links = new Dictionary<LinkSource, int>();
        for (var i = reader.Count(reader.ReadInt32()); i > 0; i--)
        {
            links.Add(Source(reader.ReadInt32()), reader.ReadInt32());
        }

        var stats = new CorpusStats
        {
            FilesRead = counts[0],
            FilesSkipped = counts[1],
            FilesWithQa = counts[2],
            Pairs = counts[3],
            Turns = counts[4],
            PairsWithoutAnswer = counts[5],
            Warnings = counts[6],
            Links = links,
            ElapsedMilliseconds = BitConverter.Int64BitsToDouble(reader.ReadInt64()),
        };
        return new KnowledgeBase(root, weeklies, pairs, warnings, stats);
    }

    private static DateOnly? Date(int dayNumber) => dayNumber < 0 ? null : DateOnly.FromDayNumber(dayNumber);

    private static LinkSource Source(int value) =>
        Enum.IsDefined((LinkSource)value) ? (LinkSource)value : throw new InvalidDataException($"a link source of value {value}");
}
