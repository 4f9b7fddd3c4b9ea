-- Message drafts from the coach. The texts, the analysis and the note are sealed; the start-up
-- tone and the outcome are plain so the weekly chart needs no decryption.
CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    tone TEXT NOT NULL,
    outcome TEXT,
    outcome_at BIGINT,
    body_sealed BLOB NOT NULL
);
CREATE INDEX drafts_by_user ON drafts(user_id, created_at);
