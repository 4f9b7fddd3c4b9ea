-- The self plan. Intention texts, check-ins and self-compassion entries are sealed (encrypted);
-- only the area, status, weekly target, week and times are plain, to order and filter them.
CREATE TABLE plan_settings (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    week_start TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE plan_intentions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    area TEXT NOT NULL,
    status TEXT NOT NULL,
    weekly_target BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    text_sealed BYTEA NOT NULL
);
CREATE INDEX plan_intentions_by_user ON plan_intentions(user_id, created_at);

-- One check-in per person and week; week_start is the local date (YYYY-MM-DD) the week began.
CREATE TABLE plan_checkins (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    week_start TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    body_sealed BYTEA NOT NULL,
    UNIQUE (user_id, week_start)
);

CREATE TABLE plan_compassion (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    body_sealed BYTEA NOT NULL
);
CREATE INDEX plan_compassion_by_user ON plan_compassion(user_id, created_at);
