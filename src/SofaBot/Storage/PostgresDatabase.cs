using Npgsql;
using SofaBot.Storage.Dialects;

namespace SofaBot.Storage;

/// <summary>The shared PostgreSQL store: one connection pool (<see cref="NpgsqlDataSource"/>) for the stores of a
/// replica. Several replicas may start at once against one database.</summary>
internal sealed class PostgresDatabase(string connectionString)
    : StoreDatabase(NpgsqlDataSource.Create(connectionString), PostgresDialect.Instance);
