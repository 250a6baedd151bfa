using System.Globalization;
using System.Runtime.InteropServices;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Storage;

/// <summary>The embedding cache in the state store's database: one row per (model, text hash), the vector as
/// little-endian float32 bytes (as on every platform .NET runs this on).</summary>
internal class EmbeddingCache(StoreDatabase database) : IEmbeddingCache
{
    // each key is a parameter: SQLite's limit is 32766 parameters, PostgreSQL's 65535; a put takes 3 per row
    private const int RowsPerStatement = 500;

    public async Task<IReadOnlyDictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in keys.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT text_hash, vector FROM embedding_cache WHERE model = @model AND text_hash IN ({string.Join(", ", chunk.Select((_, i) => Name("k", i)))})";
            command.Add("model", model);
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Add(Name("k", i), chunk[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = MemoryMarshal.Cast<byte, float>(reader.GetFieldValue<byte[]>(1)).ToArray();
            }
        }

        return found;
    }

    public async Task PutAsync(string model, IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken)
    {
        // one upsert may not touch a row twice (PostgreSQL refuses): a key given twice keeps its last vector
        var latest = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (key, vector) in items)
        {
            latest[key] = vector;
        }

        var created = database.Dialect.EmbeddingCreatedColumn;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in latest.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO embedding_cache (model, text_hash, dimensions, vector, {created})
                VALUES {string.Join(", ", chunk.Select((_, i) => $"(@model, {Name("k", i)}, {Name("d", i)}, {Name("v", i)}, @created)"))}
                ON CONFLICT (model, text_hash) DO UPDATE
                SET dimensions = excluded.dimensions, vector = excluded.vector, {created} = excluded.{created}
                """;
            command.Add("model", model);
            database.Dialect.AddTime(command, "created", DateTimeOffset.UtcNow);
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Add(Name("k", i), chunk[i].Key);
                command.Add(Name("d", i), chunk[i].Value.Length);
                command.Add(Name("v", i), MemoryMarshal.AsBytes(chunk[i].Value.AsSpan()).ToArray());
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Name(string prefix, int index) => "@" + prefix + index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The cache alone on a SQLite file (the embedder bench opens one without the rest of the state store).</summary>
internal sealed class SqliteEmbeddingCache(SqliteDatabase database) : EmbeddingCache(database);
