using Microsoft.Data.Sqlite;

namespace SofaBot.Storage;

/// <summary>The embedded SQLite store: opens connections to one file (WAL) and creates the schema on first use.
/// Holds the embedding cache, the received messages, the cursors, the review queue, answer feedback and what was
/// learned, and the decision log.</summary>
internal sealed class SqliteDatabase(string connectionString) : IDisposable
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;

    public void Dispose() => _schemaGate.Dispose();

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

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await WaitWhenBusyAsync(connection, cancellationToken);
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            // a file that is not a database fails here, on every use: do not leave its handle open each time
            await connection.DisposeAsync();
            throw;
        }
    }

    // writers (the inbox, the handlers, the cache, another process on the same file) take turns on the file's one
    // write lock: SQLite's own busy handler waits for it instead of failing with SQLITE_BUSY
    private static async Task WaitWhenBusyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Columns added after the first release, which a file it created lacks: added at the next start.
    /// SQLite has no ADD COLUMN IF NOT EXISTS, so the check and the change share one write transaction (another
    /// process opening the same file waits, then finds the column).</summary>
    private static async Task AddColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        (string Table, string Column, string Type)[] added = [("review_items", "decision_reason", "TEXT")];
        await using var transaction = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock first
        foreach (var (table, column, type) in added)
        {
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                await using var alter = connection.CreateCommand();
                alter.Transaction = transaction;
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS embedding_cache (
                    model TEXT NOT NULL,
                    text_hash TEXT NOT NULL,
                    dimensions INTEGER NOT NULL,
                    vector BLOB NOT NULL,
                    created_utc TEXT NOT NULL,
                    PRIMARY KEY (model, text_hash)
                );
                -- times are UTC text in one fixed format (SqliteStateStore.Format), so text order is time order
                CREATE TABLE IF NOT EXISTS messages (
                    channel TEXT NOT NULL,
                    chat_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    detail TEXT,
                    received_at TEXT NOT NULL,
                    claimed_at TEXT NOT NULL,
                    finished_at TEXT,
                    PRIMARY KEY (channel, chat_id, message_id)
                );
                CREATE INDEX IF NOT EXISTS messages_unfinished ON messages (received_at) WHERE finished_at IS NULL;
                CREATE TABLE IF NOT EXISTS cursors (
                    name TEXT NOT NULL PRIMARY KEY,
                    value INTEGER NOT NULL
                );
                -- the review queue (SqliteReviewStore); enums are their names, the message and candidates JSON;
                -- AUTOINCREMENT: an id is never given twice, not even after the newest row is deleted
                CREATE TABLE IF NOT EXISTS review_items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    channel TEXT NOT NULL,
                    chat_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    message_json TEXT NOT NULL,
                    candidates_json TEXT NOT NULL,
                    confidence REAL NOT NULL,
                    created_at TEXT NOT NULL,
                    status TEXT NOT NULL,
                    decided_by TEXT,
                    decided_at TEXT,
                    chosen INTEGER,
                    answer TEXT,
                    note TEXT,
                    review_chat_id TEXT,
                    review_message_id TEXT,
                    posted_at TEXT,
                    post_error TEXT,
                    UNIQUE (channel, chat_id, message_id, reason)
                );
                CREATE INDEX IF NOT EXISTS review_items_by_status ON review_items (status, created_at);
                CREATE INDEX IF NOT EXISTS review_items_by_created ON review_items (created_at);
                CREATE INDEX IF NOT EXISTS review_items_by_review_message ON review_items (review_chat_id, review_message_id);
                CREATE TABLE IF NOT EXISTS answer_feedback (
                    channel TEXT NOT NULL,
                    chat_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    helpful INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    PRIMARY KEY (channel, chat_id, message_id, user_id)
                );
                -- a learned pair's id is made from its row id (LearnedPairs.IdFor): never reused, hence AUTOINCREMENT
                CREATE TABLE IF NOT EXISTS learned (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    pair_id TEXT NOT NULL,
                    turn INTEGER NOT NULL,
                    question TEXT NOT NULL,
                    answer TEXT,
                    project_name TEXT,
                    project_url TEXT,
                    asker TEXT,
                    approved_by TEXT NOT NULL,
                    approved_at TEXT NOT NULL,
                    review_item_id INTEGER
                );
                -- what the bot decided and showed (SqliteDecisionLog): follow-ups and calibration read it
                CREATE TABLE IF NOT EXISTS decision_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    channel TEXT NOT NULL,
                    chat_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    question TEXT NOT NULL,
                    bot_message_id TEXT,
                    kind TEXT NOT NULL,
                    answered INTEGER NOT NULL,
                    shown_json TEXT NOT NULL,
                    top_pair TEXT,
                    top_turn INTEGER,
                    features_json TEXT NOT NULL,
                    confidence REAL NOT NULL,
                    may_answer INTEGER,
                    at TEXT NOT NULL
                );
                CREATE INDEX IF NOT EXISTS decision_log_by_bot_message ON decision_log (channel, chat_id, bot_message_id) WHERE bot_message_id IS NOT NULL;
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await AddColumnsAsync(connection, cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
