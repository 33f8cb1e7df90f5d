-- embeddings.seq must never be reused: index files append the rows above the seq they last read. Without
-- AUTOINCREMENT, deleting the newest row lets the next insert take its seq, and an index would miss that vector.
CREATE TABLE embeddings_new (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model_id TEXT    NOT NULL,
    dims     INTEGER NOT NULL,
    dtype    TEXT    NOT NULL,                     -- 'f16' or 'f32', little-endian
    vector   BLOB    NOT NULL,
    UNIQUE (image_id, model_id)
);
INSERT INTO embeddings_new (seq, image_id, model_id, dims, dtype, vector)
    SELECT seq, image_id, model_id, dims, dtype, vector FROM embeddings;
DROP TABLE embeddings;
ALTER TABLE embeddings_new RENAME TO embeddings;
CREATE INDEX embeddings_model ON embeddings (model_id, seq);
