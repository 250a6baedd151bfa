using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Storage;

/// <summary>The embedding cache in the shared PostgreSQL store, laid out like <see cref="SqliteEmbeddingCache"/>: one
/// row per (model, text hash), the vector as little-endian float32 bytes.</summary>
internal sealed class PostgresEmbeddingCache(PostgresDatabase database) : IEmbeddingCache
{
    // keys travel as one array parameter; chunks keep each statement and its result of a sensible size
    private const int KeysPerQuery = 1000;

    public async Task<IReadOnlyDictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in keys.Chunk(KeysPerQuery))
        {
            await using var command = new NpgsqlCommand("SELECT text_hash, vector FROM embedding_cache WHERE model = @model AND text_hash = ANY(@keys)", connection);
            command.Parameters.AddWithValue("model", model);
            command.Parameters.AddWithValue("keys", NpgsqlDbType.Array | NpgsqlDbType.Text, chunk);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // the bytes are little-endian float32, as on every platform .NET runs this on
                found[reader.GetString(0)] = MemoryMarshal.Cast<byte, float>(reader.GetFieldValue<byte[]>(1)).ToArray();
            }
        }

        return found;
    }

    public async Task PutAsync(string model, IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken)
    {
        // one upsert may not touch a row twice, so a key given twice keeps its last vector, as in SQLite
        var latest = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (key, vector) in items)
        {
            latest[key] = vector;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in latest.Chunk(KeysPerQuery))
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO embedding_cache (model, text_hash, dimensions, vector)
                SELECT @model, k, d, v FROM unnest(@keys, @dimensions, @vectors) AS item (k, d, v)
                ON CONFLICT (model, text_hash) DO UPDATE
                SET dimensions = excluded.dimensions, vector = excluded.vector, created_at = now()
                """, connection, transaction);
            command.Parameters.AddWithValue("model", model);
            command.Parameters.AddWithValue("keys", NpgsqlDbType.Array | NpgsqlDbType.Text, chunk.Select(c => c.Key).ToArray());
            command.Parameters.AddWithValue("dimensions", NpgsqlDbType.Array | NpgsqlDbType.Integer, chunk.Select(c => c.Value.Length).ToArray());
            command.Parameters.AddWithValue("vectors", NpgsqlDbType.Array | NpgsqlDbType.Bytea,
                chunk.Select(c => MemoryMarshal.AsBytes(c.Value.AsSpan()).ToArray()).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
