-- Bids for connection (the emotional bank account).
-- direction, kind and response hold stable ids checked by the application (steady_core::BidKind
-- and friends), so a new kind needs no schema change. The note is free text: sealed only.
CREATE TABLE bids (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    response TEXT NOT NULL,
    note_sealed BYTEA,
    occurred_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX bids_by_user_time ON bids(user_id, occurred_at);
