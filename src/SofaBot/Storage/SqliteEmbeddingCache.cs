using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Storage;

/// <summary>The embedding cache in the embedded SQLite store: one row per (model, text hash), the vector as
/// little-endian float32 bytes.</summary>
internal sealed class SqliteEmbeddingCache(SqliteDatabase database) : IEmbeddingCache
{
    // SQLite's default limit on host parameters is 32766; stay well under it
    private const int KeysPerQuery = 500;

    public async Task<IReadOnlyDictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in keys.Chunk(KeysPerQuery))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((_, i) => "$k" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            command.CommandText = $"SELECT text_hash, vector FROM embedding_cache WHERE model = $model AND text_hash IN ({string.Join(", ", names)})";
            command.Parameters.AddWithValue("$model", model);
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.AddWithValue(names[i], chunk[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)).ToArray();
            }
        }

        return found;
    }

    public async Task PutAsync(string model, IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO embedding_cache (model, text_hash, dimensions, vector, created_utc)
            VALUES ($model, $key, $dimensions, $vector, $created)
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var dimensions = command.Parameters.Add("$dimensions", SqliteType.Integer);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$created", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        foreach (var item in items)
        {
            key.Value = item.Key;
            dimensions.Value = item.Vector.Length;
            vector.Value = MemoryMarshal.AsBytes(item.Vector.AsSpan()).ToArray();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
