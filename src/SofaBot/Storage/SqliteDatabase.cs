using Microsoft.Data.Sqlite;
using SofaBot.Storage.Dialects;

namespace SofaBot.Storage;

/// <summary>The embedded SQLite store: one file (WAL), shared by the stores of one process (or several processes on
/// one machine). Holds the embedding cache, the received messages, the cursors, the review queue, answer feedback and
/// what was learned, and the decision log.</summary>
internal sealed class SqliteDatabase(string connectionString)
    : StoreDatabase(new SqliteDataSource(connectionString), SqliteDialect.Instance)
{
    /// <summary>The connection string with a relative file made absolute against <paramref name="root"/>, and the
    /// file's folder created.</summary>
    public static SqliteDatabase ForContentRoot(string connectionString, string root)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return new SqliteDatabase(builder.ToString());
    }

    public string ConnectionString => connectionString;
}
