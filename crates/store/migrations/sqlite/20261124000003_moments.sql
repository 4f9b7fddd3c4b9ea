-- Moments of insecurity. Everything the person wrote or chose is in body_sealed (encrypted);
-- only times, the guided-flow step and the prediction's due day and outcome are plain, so the
-- home page can find due predictions without opening every moment.
CREATE TABLE moments (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    occurred_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT,
    step BIGINT NOT NULL,
    prediction_check_on TEXT,
    prediction_outcome TEXT,
    body_sealed BLOB NOT NULL
);
CREATE INDEX moments_by_user_time ON moments(user_id, occurred_at);
CREATE INDEX moments_due ON moments(user_id, prediction_check_on);
