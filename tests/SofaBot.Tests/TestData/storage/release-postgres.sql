-- A PostgreSQL database as the release of commit 154cdf2 wrote it (tests/SofaBot.Tests/Storage/ReleaseData.cs),
-- dumped by 15 pg_dump; regenerate with tests/SofaBot.Tests/TestData/storage/regenerate.sh

CREATE TABLE public.answer_feedback (
    channel text NOT NULL,
    chat_id text NOT NULL,
    message_id text NOT NULL,
    user_id text NOT NULL,
    helpful boolean NOT NULL,
    at timestamp with time zone NOT NULL
);

CREATE TABLE public.cursors (
    name text NOT NULL,
    value bigint NOT NULL
);

CREATE TABLE public.decision_log (
    id bigint NOT NULL,
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
    at timestamp with time zone NOT NULL
);

ALTER TABLE public.decision_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.decision_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.embedding_cache (
    model text NOT NULL,
    text_hash text NOT NULL,
    dimensions integer NOT NULL,
    vector bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.learned (
    id bigint NOT NULL,
    kind text NOT NULL,
    pair_id text NOT NULL,
    turn integer NOT NULL,
    question text NOT NULL,
    answer text,
    project_name text,
    project_url text,
    asker text,
    approved_by text NOT NULL,
    approved_at timestamp with time zone NOT NULL,
    review_item_id bigint
);

ALTER TABLE public.learned ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.learned_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.messages (
    channel text NOT NULL,
    chat_id text NOT NULL,
    message_id text NOT NULL,
    payload text NOT NULL,
    outcome text NOT NULL,
    detail text,
    received_at timestamp with time zone NOT NULL,
    claimed_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone
);

CREATE TABLE public.review_items (
    id bigint NOT NULL,
    channel text NOT NULL,
    chat_id text NOT NULL,
    message_id text NOT NULL,
    reason text NOT NULL,
    message_json text NOT NULL,
    candidates_json text NOT NULL,
    confidence real NOT NULL,
    created_at timestamp with time zone NOT NULL,
    status text NOT NULL,
    decided_by text,
    decided_at timestamp with time zone,
    chosen integer,
    answer text,
    note text,
    review_chat_id text,
    review_message_id text,
    posted_at timestamp with time zone,
    post_error text,
    decision_reason text
);

ALTER TABLE public.review_items ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.review_items_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

INSERT INTO public.answer_feedback VALUES ('telegram', '-100123', '101', 'alice', true, '2026-11-20 13:30:05.125+00');
INSERT INTO public.answer_feedback VALUES ('telegram', '-100123', '101', 'bob', false, '2026-11-20 13:30:06.125+00');

INSERT INTO public.cursors VALUES ('telegram:offset', 987654321012);

INSERT INTO public.decision_log OVERRIDING SYSTEM VALUE VALUES (1, 'telegram', '-100123', '101', 'jraft 快照怎么配置？', '9001', 'Answer', true, '[{"pairId":"sofa-weekly-20211112:3","turn":0},{"pairId":"sofa-weekly-20211112:4","turn":1}]', 'sofa-weekly-20211112:3', 0, '{"Margin":0.5,"Coverage":0.875}', 0.8125, true, '2026-11-20 13:30:02.125+00');
INSERT INTO public.decision_log OVERRIDING SYSTEM VALUE VALUES (2, 'telegram', '-100123', '103', 'seata 支持 PostgreSQL 吗？', NULL, 'Suggest', false, '[]', NULL, NULL, '{}', 0.5, NULL, '2026-11-20 13:31:00.125+00');

INSERT INTO public.embedding_cache VALUES ('text-embedding-3-small', '3f1c0a9e', 4, '\x0000803e0000c0bf59d90033ffff7f7f', '2026-12-06 07:00:22.187709+00');
INSERT INTO public.embedding_cache VALUES ('text-embedding-3-small', 'b77d2e41', 4, '\x0000803f0000000000000080cdcccc3d', '2026-12-06 07:00:22.187709+00');

INSERT INTO public.learned OVERRIDING SYSTEM VALUE VALUES (1, 'AlternateQuestion', 'sofa-weekly-20211112:3', 0, 'jraft 的快照间隔怎么改', NULL, NULL, NULL, 'Li Si', 'alice', '2026-11-20 13:40:00.125+00', 2);
INSERT INTO public.learned OVERRIDING SYSTEM VALUE VALUES (2, 'Pair', 'sofabot-learned:2', 0, 'seata AT 模式要 undo_log 吗', '要，每个业务库都要建 `undo_log` 表。', 'Seata', 'https://github.com/apache/incubator-seata', '王五', 'bob', '2026-11-20 13:41:00.125+00', 4);

INSERT INTO public.messages VALUES ('telegram', '-100123', '103', '{"text":"seata 支持 PostgreSQL 吗？"}', 'Pending', NULL, '2026-11-20 13:31:00.125+00', '2026-11-20 13:31:00.125+00', NULL);
INSERT INTO public.messages VALUES ('telegram', '-100123', '104', '{"text":"sofarpc 的超时怎么设"}', 'Pending', NULL, '2026-11-20 13:32:00.125+00', '2026-11-20 13:32:00.125+00', NULL);
INSERT INTO public.messages VALUES ('telegram', '-100123', '101', '{"text":"jraft 快照怎么配置？"}', 'Replied', 'answered from sofa-weekly-20211112:3', '2026-11-20 13:30:00.125+00', '2026-11-20 13:30:00.125+00', '2026-11-20 13:30:02.125+00');
INSERT INTO public.messages VALUES ('telegram', '-100123', '102', '{"text":"谢谢 🙏"}', 'Skipped', 'small talk', '2026-11-20 13:30:30.125+00', '2026-11-20 13:30:30.125+00', '2026-11-20 13:30:31.125+00');

INSERT INTO public.review_items OVERRIDING SYSTEM VALUE VALUES (1, 'telegram', '-100123', '201', 'Suggest', '{"key":{"channel":"telegram","chatId":"-100123","messageId":"201"},"text":"question 201: jraft 怎么做快照？ 🛋️","senderId":"1001","senderName":"Li Si","senderLanguage":null,"chatTitle":"SOFAStack 用户群","addressing":1,"sentAt":"2026-11-20T21:32:59.125+08:00","repliesToMessageId":null,"route":{"threadId":"17","sessionWebhook":null,"sessionWebhookExpiresAt":null}}', '[{"pairId":"sofa-weekly-20211112:3","turn":0,"question":"jraft 快照怎么配置？","answer":"See `snapshotIntervalSecs`.","project":"SOFAJRaft","link":"https://github.com/sofastack/sofa-jraft","source":"SOFA Weekly | 2021-11-12","sourceUrl":"https://www.sofastack.tech/blog/sofa-weekly-20211112/","score":0.61},{"pairId":"sofa-weekly-20220304:1","turn":1,"question":"Does the AT mode need undo_log?","answer":"Yes.","project":"Seata","link":"https://github.com/apache/incubator-seata","source":"SOFA Weekly | 2022-03-04","sourceUrl":"https://www.sofastack.tech/blog/sofa-weekly-20220304/","score":0.5}]', 0.61, '2026-11-20 13:33:00.125+00', 'Pending', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'match (0.61) below the answer bar 0.72');
INSERT INTO public.review_items OVERRIDING SYSTEM VALUE VALUES (5, 'telegram', '-100123', '205', 'NoAnswer', '{"key":{"channel":"telegram","chatId":"-100123","messageId":"205"},"text":"question 205: jraft 怎么做快照？ 🛋️","senderId":"1001","senderName":"Li Si","senderLanguage":null,"chatTitle":"SOFAStack 用户群","addressing":1,"sentAt":"2026-11-20T21:36:59.125+08:00","repliesToMessageId":null,"route":{"threadId":"17","sessionWebhook":null,"sessionWebhookExpiresAt":null}}', '[]', 0.3, '2026-11-20 13:37:00.125+00', 'Pending', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'nothing close enough (confidence 0.30 < 0.45)');
INSERT INTO public.review_items OVERRIDING SYSTEM VALUE VALUES (3, 'telegram', '-100123', '203', 'Suggest', '{"key":{"channel":"telegram","chatId":"-100123","messageId":"203"},"text":"question 203: jraft 怎么做快照？ 🛋️","senderId":"1001","senderName":"Li Si","senderLanguage":null,"chatTitle":"SOFAStack 用户群","addressing":1,"sentAt":"2026-11-20T21:34:59.125+08:00","repliesToMessageId":null,"route":{"threadId":"17","sessionWebhook":null,"sessionWebhookExpiresAt":null}}', '[{"pairId":"sofa-weekly-20211112:3","turn":0,"question":"jraft 快照怎么配置？","answer":"See `snapshotIntervalSecs`.","project":"SOFAJRaft","link":"https://github.com/sofastack/sofa-jraft","source":"SOFA Weekly | 2021-11-12","sourceUrl":"https://www.sofastack.tech/blog/sofa-weekly-20211112/","score":0.61},{"pairId":"sofa-weekly-20220304:1","turn":1,"question":"Does the AT mode need undo_log?","answer":"Yes.","project":"Seata","link":"https://github.com/apache/incubator-seata","source":"SOFA Weekly | 2022-03-04","sourceUrl":"https://www.sofastack.tech/blog/sofa-weekly-20220304/","score":0.5}]', 0.61, '2026-11-20 13:35:00.125+00', 'Rejected', 'bob', '2026-11-20 13:40:00.125+00', NULL, NULL, '不是问题 (not a question)', NULL, NULL, NULL, NULL, 'another project named: "seata"');
INSERT INTO public.review_items OVERRIDING SYSTEM VALUE VALUES (2, 'telegram', '-100123', '202', 'NoAnswer', '{"key":{"channel":"telegram","chatId":"-100123","messageId":"202"},"text":"question 202: jraft 怎么做快照？ 🛋️","senderId":"1001","senderName":"Li Si","senderLanguage":null,"chatTitle":"SOFAStack 用户群","addressing":1,"sentAt":"2026-11-20T21:33:59.125+08:00","repliesToMessageId":null,"route":{"threadId":"17","sessionWebhook":null,"sessionWebhookExpiresAt":null}}', '[]', 0.3, '2026-11-20 13:34:00.125+00', 'Approved', 'alice', '2026-11-20 13:40:00.125+00', 1, NULL, NULL, '-100777', '55', '2026-11-20 13:42:00.125+00', NULL, NULL);
INSERT INTO public.review_items OVERRIDING SYSTEM VALUE VALUES (4, 'telegram', '-100123', '204', 'Suggest', '{"key":{"channel":"telegram","chatId":"-100123","messageId":"204"},"text":"question 204: jraft 怎么做快照？ 🛋️","senderId":"1001","senderName":"Li Si","senderLanguage":null,"chatTitle":"SOFAStack 用户群","addressing":1,"sentAt":"2026-11-20T21:35:59.125+08:00","repliesToMessageId":null,"route":{"threadId":"17","sessionWebhook":null,"sessionWebhookExpiresAt":null}}', '[{"pairId":"sofa-weekly-20211112:3","turn":0,"question":"jraft 快照怎么配置？","answer":"See `snapshotIntervalSecs`.","project":"SOFAJRaft","link":"https://github.com/sofastack/sofa-jraft","source":"SOFA Weekly | 2021-11-12","sourceUrl":"https://www.sofastack.tech/blog/sofa-weekly-20211112/","score":0.61},{"pairId":"sofa-weekly-20220304:1","turn":1,"question":"Does the AT mode need undo_log?","answer":"Yes.","project":"Seata","link":"https://github.com/apache/incubator-seata","source":"SOFA Weekly | 2022-03-04","sourceUrl":"https://www.sofastack.tech/blog/sofa-weekly-20220304/","score":0.5}]', 0.61, '2026-11-20 13:36:00.125+00', 'Edited', '王五', '2026-11-20 13:41:00.125+00', NULL, '要，每个业务库都要建 `undo_log` 表。', NULL, NULL, NULL, '2026-11-20 13:43:00.125+00', 'Forbidden: bot was kicked from the group chat', 'match (0.70) held back');

SELECT pg_catalog.setval('public.decision_log_id_seq', 2, true);

SELECT pg_catalog.setval('public.learned_id_seq', 2, true);

SELECT pg_catalog.setval('public.review_items_id_seq', 5, true);

ALTER TABLE ONLY public.answer_feedback
    ADD CONSTRAINT answer_feedback_pkey PRIMARY KEY (channel, chat_id, message_id, user_id);

ALTER TABLE ONLY public.cursors
    ADD CONSTRAINT cursors_pkey PRIMARY KEY (name);

ALTER TABLE ONLY public.decision_log
    ADD CONSTRAINT decision_log_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.embedding_cache
    ADD CONSTRAINT embedding_cache_pkey PRIMARY KEY (model, text_hash);

ALTER TABLE ONLY public.learned
    ADD CONSTRAINT learned_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (channel, chat_id, message_id);

ALTER TABLE ONLY public.review_items
    ADD CONSTRAINT review_items_channel_chat_id_message_id_reason_key UNIQUE (channel, chat_id, message_id, reason);

ALTER TABLE ONLY public.review_items
    ADD CONSTRAINT review_items_pkey PRIMARY KEY (id);

CREATE INDEX decision_log_by_bot_message ON public.decision_log USING btree (channel, chat_id, bot_message_id) WHERE (bot_message_id IS NOT NULL);

CREATE INDEX messages_unfinished ON public.messages USING btree (received_at) WHERE (finished_at IS NULL);

CREATE INDEX review_items_by_created ON public.review_items USING btree (created_at);

CREATE INDEX review_items_by_review_message ON public.review_items USING btree (review_chat_id, review_message_id);

CREATE INDEX review_items_by_status ON public.review_items USING btree (status, created_at);

