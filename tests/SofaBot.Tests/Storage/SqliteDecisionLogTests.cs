using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>The decision log contract on a real SQLite file, opened as the host opens it.</summary>
public sealed class SqliteDecisionLogTests : DecisionLogContract
{
    private readonly SqliteTestDatabase _database = new();

    internal override TestDatabase Database => _database;

    internal override IDecisionLog Open() => new SqliteDecisionLog(_database.Open());
}
