-- The catalog on PostgreSQL: the same tables as SQLite's 0001-0010 where the scan, search and similar read them.
-- Vectors are pgvector columns with an HNSW index per model and precision (partial indexes, one per model id).
CREATE TABLE scans (
    id           bigserial PRIMARY KEY,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    roots        text NOT NULL,
    completed    boolean NOT NULL DEFAULT false,
    summary_json text
);

CREATE TABLE images (
    id           bigserial PRIMARY KEY,
    content_hash bytea   NOT NULL UNIQUE,
    format       text    NOT NULL,
    width        integer NOT NULL,
    height       integer NOT NULL,
    byte_size    bigint  NOT NULL,
    phash        bigint,
    dhash        bigint,
    kind         text    NOT NULL DEFAULT 'image',
    video_id     bigint REFERENCES images (id) ON DELETE CASCADE,
    timestamp_ms bigint,
    added_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX images_video ON images (video_id, timestamp_ms) WHERE video_id IS NOT NULL;

CREATE TABLE thumbnails (
    image_id bigint PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    webp     bytea NOT NULL
);

CREATE TABLE files (
    id            bigserial PRIMARY KEY,
    path          text    NOT NULL UNIQUE,
    image_id      bigint  NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    size          bigint  NOT NULL,
    mtime_ticks   bigint  NOT NULL,
    last_scan_id  bigint REFERENCES scans (id) ON DELETE SET NULL,
    metadata_read boolean NOT NULL DEFAULT false,
    device        bigint,
    inode         bigint,
    ctime_ticks   bigint
);
CREATE INDEX files_image ON files (image_id);
CREATE INDEX files_path_prefix ON files (path text_pattern_ops);

CREATE TABLE generation (
    image_id        bigint PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    generator       text,
    prompt          text,
    negative_prompt text,
    model           text,
    model_hash      text,
    seed            bigint,
    seed_text       text,
    steps           integer,
    sampler         text,
    scheduler       text,
    cfg_scale       double precision,
    width           integer,
    height          integer,
    vae             text,
    clip_skip       integer,
    denoise         double precision,
    extra_json      text,
    raw             text,
    hires_json      text,
    c2pa_json       text,
    warnings_json   text,
    status          text NOT NULL DEFAULT 'parsed',
    -- Word search over the positive prompt ('simple': no stemming, like SQLite's unicode61 tokenizer).
    prompt_tsv      tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(prompt, ''))) STORED
);
CREATE INDEX generation_generator ON generation (lower(generator));
CREATE INDEX generation_model ON generation (model);
CREATE INDEX generation_sampler ON generation (lower(sampler));
CREATE INDEX generation_seed ON generation (seed);
CREATE INDEX generation_prompt_tsv ON generation USING gin (prompt_tsv);

CREATE TABLE loras (
    image_id bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    name     text   NOT NULL,
    weight   double precision,
    hash     text
);
CREATE INDEX loras_image ON loras (image_id);
CREATE INDEX loras_name ON loras (lower(name));

CREATE TABLE textual_inversions (
    image_id bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    name     text   NOT NULL,
    hash     text
);
CREATE INDEX textual_inversions_image ON textual_inversions (image_id);

-- One row per (image, model). f32 vectors go to `vector`, f16 to `halfvec` (half the bytes, like SQLite's f16 BLOBs).
CREATE TABLE embeddings (
    seq        bigserial PRIMARY KEY,
    image_id   bigint  NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model_id   text    NOT NULL,
    dims       integer NOT NULL,
    dtype      text    NOT NULL,
    preprocess integer NOT NULL DEFAULT 0,
    vector     vector,
    half       halfvec,
    UNIQUE (image_id, model_id),
    CHECK ((vector IS NULL) <> (half IS NULL))
);
CREATE INDEX embeddings_model ON embeddings (model_id, seq);

CREATE TABLE errors (
    path        text   PRIMARY KEY,
    stage       text   NOT NULL,
    reason      text   NOT NULL,
    size        bigint NOT NULL,
    mtime_ticks bigint NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE videos (
    image_id    bigint PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    duration_ms bigint NOT NULL,
    fps         double precision NOT NULL,
    width       integer NOT NULL,
    height      integer NOT NULL,
    codec       text NOT NULL,
    frame_count bigint,
    texts_json  text,
    notes_json  text
);

CREATE TABLE frame_pixels (
    image_id bigint PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    image    bytea NOT NULL
);

CREATE TABLE adherence (
    image_id bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model_id text   NOT NULL,
    score    double precision NOT NULL,
    PRIMARY KEY (image_id, model_id)
);

CREATE TABLE image_tags (
    image_id bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model_id text   NOT NULL,
    name     text   NOT NULL,
    category text   NOT NULL,
    score    double precision NOT NULL,
    PRIMARY KEY (image_id, model_id, name)
);
CREATE INDEX image_tags_name ON image_tags (lower(name), image_id);
