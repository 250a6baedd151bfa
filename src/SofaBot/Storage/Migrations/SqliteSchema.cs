namespace SofaBot.Storage.Migrations;

/// <summary>The SQLite file's schema, step by step (<see cref="SchemaMigrator"/>). Append a step to change it; never
/// edit a released one.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<SchemaStep> Steps =
    [
        // the schema of the releases before versioning, verbatim: on a file they wrote it adds only what is missing
        // (decision_reason came after the first release, and SQLite has no ADD COLUMN IF NOT EXISTS)
        new(1, "baseline: inbox, cursors, embedding cache, review queue, feedback, learned, decision log", """
            CREATE TABLE IF NOT EXISTS embedding_cache (
                model TEXT NOT NULL,
                text_hash TEXT NOT NULL,
                dimensions INTEGER NOT NULL,
                vector BLOB NOT NULL,
                created_utc TEXT NOT NULL,
                PRIMARY KEY (model, text_hash)
            );
            -- times are UTC text in one fixed format (SqliteDialect.Format), so text order is time order
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
            -- the review queue (ReviewStore); enums are their names, the message and candidates JSON;
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
            -- what the bot decided and showed (DecisionLog): follow-ups and calibration read it
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
            """,
            [new AddedColumn("review_items", "decision_reason", "TEXT")]),
        // replicas: who polls Telegram (a lease that expires when its holder dies), and the keys that sign the review
        // page's cookies, shared so that any replica accepts what another issued (the XML is encrypted before it is stored)
        new(2, "leases and shared data protection keys", """
            CREATE TABLE IF NOT EXISTS leases (
                name TEXT NOT NULL PRIMARY KEY,
                holder TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS data_protection_keys (
                name TEXT NOT NULL PRIMARY KEY,
                xml TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """),
        // replicas: the one that posts an item to the Telegram review chat claims it first, so the chat gets it once
        new(3, "who is posting a review item to the review chat", "SELECT 1;",
            [new AddedColumn("review_items", "review_post_claimed_at", "TEXT"), new AddedColumn("review_items", "review_post_claimed_by", "TEXT")]),
        // replicas: each chat's sends in the last minute, so that the platform's per-chat limit holds across replicas
        new(4, "each chat's recent sends, shared by the replicas", """
            CREATE TABLE IF NOT EXISTS chat_sends (
                pace TEXT NOT NULL,
                sent_at TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS chat_sends_by_pace ON chat_sends (pace, sent_at);
            """),
        // issue 13 (12): the same question asked again, here or in another chat, while its item is pending joins that
        // item instead of opening another; each asker is a row of its own, with its own posting state, so that an
        // approval reaches every asker once. Every item of an earlier release gets its one asker: its own message.
        new(5, "askers joined to one pending review item per question", """
            CREATE TABLE IF NOT EXISTS review_askers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                item_id INTEGER NOT NULL,
                channel TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                message_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                message_json TEXT NOT NULL,
                asked_at TEXT NOT NULL,
                post_claimed_at TEXT,
                post_claimed_by TEXT,
                posted_at TEXT,
                post_error TEXT,
                UNIQUE (channel, chat_id, message_id, reason)
            );
            CREATE INDEX IF NOT EXISTS review_askers_by_item ON review_askers (item_id);
            INSERT INTO review_askers (item_id, channel, chat_id, message_id, reason, message_json, asked_at, posted_at, post_error)
                SELECT id, channel, chat_id, message_id, reason, message_json, created_at, posted_at, post_error FROM review_items ORDER BY id;
            """,
            [
                new AddedColumn("review_items", "question_key", "TEXT"),
                new AddedColumn("review_items", "asked_count", "INTEGER NOT NULL DEFAULT 1"),
                new AddedColumn("review_items", "last_asked_at", "TEXT"),
            ],
            """
            UPDATE review_items SET last_asked_at = created_at WHERE last_asked_at IS NULL;
            -- one pending item per question and reason: what makes two replicas opening it at once end with one
            CREATE UNIQUE INDEX IF NOT EXISTS review_items_pending_question ON review_items (reason, question_key) WHERE status = 'Pending';
            CREATE INDEX IF NOT EXISTS review_items_by_asked ON review_items (status, asked_count, created_at);
            CREATE INDEX IF NOT EXISTS review_items_by_last_asked ON review_items (status, last_asked_at);
            """),
        // DingTalk: the conversations the platform vouched for, the only ones the group-send API may post to
        new(6, "chats the platform vouched for", """
            CREATE TABLE IF NOT EXISTS vouched_chats (
                channel TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                vouched_at TEXT NOT NULL,
                PRIMARY KEY (channel, chat_id)
            );
            """),
        // issue 14: the draft answer a model wrote for the maintainers (never posted without one of them)
        new(7, "draft answers on review items", "SELECT 1;",
            [
                new AddedColumn("review_items", "draft_text", "TEXT"),
                new AddedColumn("review_items", "draft_model", "TEXT"),
                new AddedColumn("review_items", "draft_created_at", "TEXT"),
                new AddedColumn("review_items", "draft_candidate", "INTEGER"),
            ]),
    ];
}
