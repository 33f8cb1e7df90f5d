-- The catalog: the source of truth. Everything else (index files) is derived from it.
CREATE TABLE scans (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT    NOT NULL,
    finished_at  TEXT,
    roots        TEXT    NOT NULL,
    completed    INTEGER NOT NULL DEFAULT 0,
    summary_json TEXT
);

CREATE TABLE images (
    id           INTEGER PRIMARY KEY,
    content_hash BLOB    NOT NULL UNIQUE,
    format       TEXT    NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    byte_size    INTEGER NOT NULL,
    phash        INTEGER,
    dhash        INTEGER,
    kind         TEXT    NOT NULL DEFAULT 'image',   -- 'image' or 'video_frame'
    video_id     INTEGER REFERENCES images (id) ON DELETE CASCADE,
    timestamp_ms INTEGER,
    added_at     TEXT    NOT NULL
);

CREATE TABLE thumbnails (
    image_id INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    webp     BLOB NOT NULL
);

CREATE TABLE files (
    id            INTEGER PRIMARY KEY,
    path          TEXT    NOT NULL UNIQUE,
    image_id      INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    size          INTEGER NOT NULL,
    mtime_ticks   INTEGER NOT NULL,
    last_scan_id  INTEGER REFERENCES scans (id) ON DELETE SET NULL
);
CREATE INDEX files_image ON files (image_id);

CREATE TABLE generation (
    image_id        INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    generator       TEXT,
    prompt          TEXT,
    negative_prompt TEXT,
    model           TEXT,
    model_hash      TEXT,
    seed            INTEGER,
    steps           INTEGER,
    sampler         TEXT,
    scheduler       TEXT,
    cfg_scale       REAL,
    width           INTEGER,
    height          INTEGER,
    vae             TEXT,
    clip_skip       INTEGER,
    denoise         REAL,
    extra_json      TEXT,
    raw             TEXT
);

CREATE TABLE loras (
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    weight   REAL
);
CREATE INDEX loras_image ON loras (image_id);
CREATE INDEX loras_name ON loras (name);

-- One row per (image, model): a second model is added without rescanning.
-- seq grows with every insert, so an index file can record how far it has read.
CREATE TABLE embeddings (
    seq      INTEGER PRIMARY KEY,
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model_id TEXT    NOT NULL,
    dims     INTEGER NOT NULL,
    dtype    TEXT    NOT NULL,                     -- 'f16' or 'f32', little-endian
    vector   BLOB    NOT NULL,
    UNIQUE (image_id, model_id)
);
CREATE INDEX embeddings_model ON embeddings (model_id, seq);

CREATE TABLE errors (
    path        TEXT    PRIMARY KEY,
    stage       TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ticks INTEGER NOT NULL,
    at          TEXT    NOT NULL
);
