namespace SofaBot.Storage.Migrations;

/// <summary>The PostgreSQL database's schema, step by step (<see cref="SchemaMigrator"/>). Append a step to change it;
/// never edit a released one.</summary>
internal static class PostgresSchema
{
    public static readonly IReadOnlyList<SchemaStep> Steps =
    [
        // the schema of the releases before versioning, verbatim: on a database they wrote it adds only what is missing
        new(1, "baseline: inbox, cursors, embedding cache, review queue, feedback, learned, decision log", """
            CREATE TABLE IF NOT EXISTS embedding_cache (
                model text NOT NULL,
                text_hash text NOT NULL,
                dimensions integer NOT NULL,
                vector bytea NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (model, text_hash)
            );
            CREATE TABLE IF NOT EXISTS messages (
                channel text NOT NULL,
                chat_id text NOT NULL,
                message_id text NOT NULL,
                payload text NOT NULL,
                outcome text NOT NULL,
                detail text,
                received_at timestamptz NOT NULL,
                claimed_at timestamptz NOT NULL,
                finished_at timestamptz,
                PRIMARY KEY (channel, chat_id, message_id)
            );
            CREATE INDEX IF NOT EXISTS messages_unfinished ON messages (received_at) WHERE finished_at IS NULL;
            CREATE TABLE IF NOT EXISTS cursors (
                name text NOT NULL PRIMARY KEY,
                value bigint NOT NULL
            );
            CREATE TABLE IF NOT EXISTS review_items (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                channel text NOT NULL,
                chat_id text NOT NULL,
                message_id text NOT NULL,
                reason text NOT NULL,
                message_json text NOT NULL,
                candidates_json text NOT NULL,
                confidence real NOT NULL,
                created_at timestamptz NOT NULL,
                status text NOT NULL,
                decided_by text,
                decided_at timestamptz,
                chosen integer,
                answer text,
                note text,
                review_chat_id text,
                review_message_id text,
                posted_at timestamptz,
                post_error text,
                UNIQUE (channel, chat_id, message_id, reason)
            );
            -- added after the first release: a database it created gains the column at the next start
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS decision_reason text;
            CREATE INDEX IF NOT EXISTS review_items_by_status ON review_items (status, created_at);
            CREATE INDEX IF NOT EXISTS review_items_by_created ON review_items (created_at);
            CREATE INDEX IF NOT EXISTS review_items_by_review_message ON review_items (review_chat_id, review_message_id);
            CREATE TABLE IF NOT EXISTS answer_feedback (
                channel text NOT NULL,
                chat_id text NOT NULL,
                message_id text NOT NULL,
                user_id text NOT NULL,
                helpful boolean NOT NULL,
                at timestamptz NOT NULL,
                PRIMARY KEY (channel, chat_id, message_id, user_id)
            );
            CREATE TABLE IF NOT EXISTS learned (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind text NOT NULL,
                pair_id text NOT NULL,
                turn integer NOT NULL,
                question text NOT NULL,
                answer text,
                project_name text,
                project_url text,
                asker text,
                approved_by text NOT NULL,
                approved_at timestamptz NOT NULL,
                review_item_id bigint
            );
            CREATE TABLE IF NOT EXISTS decision_log (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                channel text NOT NULL,
                chat_id text NOT NULL,
                message_id text NOT NULL,
                question text NOT NULL,
                bot_message_id text,
                kind text NOT NULL,
                answered boolean NOT NULL,
                shown_json text NOT NULL,
                top_pair text,
                top_turn integer,
                features_json text NOT NULL,
                confidence real NOT NULL,
                may_answer boolean,
                at timestamptz NOT NULL
            );
            CREATE INDEX IF NOT EXISTS decision_log_by_bot_message ON decision_log (channel, chat_id, bot_message_id) WHERE bot_message_id IS NOT NULL;
            """),
        // replicas: who polls Telegram (a lease that expires when its holder dies), and the keys that sign the review
        // page's cookies, shared so that any replica accepts what another issued (the XML is encrypted before it is stored)
        new(2, "leases and shared data protection keys", """
            CREATE TABLE IF NOT EXISTS leases (
                name text NOT NULL PRIMARY KEY,
                holder text NOT NULL,
                expires_at timestamptz NOT NULL
            );
            CREATE TABLE IF NOT EXISTS data_protection_keys (
                name text NOT NULL PRIMARY KEY,
                xml text NOT NULL,
                created_at timestamptz NOT NULL
            );
            """),
        // replicas: the one that posts an item to the Telegram review chat claims it first, so the chat gets it once
        new(3, "who is posting a review item to the review chat", """
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS review_post_claimed_at timestamptz;
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS review_post_claimed_by text;
            """),
        // replicas: each chat's sends in the last minute, so that the platform's per-chat limit holds across replicas
        new(4, "each chat's recent sends, shared by the replicas", """
            CREATE TABLE IF NOT EXISTS chat_sends (
                pace text NOT NULL,
                sent_at timestamptz NOT NULL
            );
            CREATE INDEX IF NOT EXISTS chat_sends_by_pace ON chat_sends (pace, sent_at);
            """),
        // issue 13 (12): the same question asked again, here or in another chat, while its item is pending joins that
        // item instead of opening another; each asker is a row of its own, with its own posting state, so that an
        // approval reaches every asker once. Every item of an earlier release gets its one asker: its own message.
        new(5, "askers joined to one pending review item per question", """
            CREATE TABLE IF NOT EXISTS review_askers (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                item_id bigint NOT NULL,
                channel text NOT NULL,
                chat_id text NOT NULL,
                message_id text NOT NULL,
                reason text NOT NULL,
                message_json text NOT NULL,
                asked_at timestamptz NOT NULL,
                post_claimed_at timestamptz,
                post_claimed_by text,
                posted_at timestamptz,
                post_error text,
                UNIQUE (channel, chat_id, message_id, reason)
            );
            CREATE INDEX IF NOT EXISTS review_askers_by_item ON review_askers (item_id);
            INSERT INTO review_askers (item_id, channel, chat_id, message_id, reason, message_json, asked_at, posted_at, post_error)
                SELECT id, channel, chat_id, message_id, reason, message_json, created_at, posted_at, post_error FROM review_items ORDER BY id;
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS question_key text;
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS asked_count integer NOT NULL DEFAULT 1;
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS last_asked_at timestamptz;
            UPDATE review_items SET last_asked_at = created_at WHERE last_asked_at IS NULL;
            -- one pending item per question and reason: what makes two replicas opening it at once end with one
            CREATE UNIQUE INDEX IF NOT EXISTS review_items_pending_question ON review_items (reason, question_key) WHERE status = 'Pending';
            CREATE INDEX IF NOT EXISTS review_items_by_asked ON review_items (status, asked_count, created_at);
            CREATE INDEX IF NOT EXISTS review_items_by_last_asked ON review_items (status, last_asked_at);
            """),
        // DingTalk: the conversations the platform vouched for, the only ones the group-send API may post to
        new(6, "chats the platform vouched for", """
            CREATE TABLE IF NOT EXISTS vouched_chats (
                channel text NOT NULL,
                chat_id text NOT NULL,
                vouched_at timestamptz NOT NULL,
                PRIMARY KEY (channel, chat_id)
            );
            """),
        // issue 14: the draft answer a model wrote for the maintainers (never posted without one of them)
        new(7, "draft answers on review items", """
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS draft_text text;
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS draft_model text;
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS draft_created_at timestamptz;
            ALTER TABLE review_items ADD COLUMN IF NOT EXISTS draft_candidate integer;
            """),
    ];
}
