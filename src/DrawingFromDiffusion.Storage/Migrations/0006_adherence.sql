-- Prompt adherence: cosine between an image's vector and its own stored prompt through the same pack's text tower.
-- Kept per model because scores of different models are not comparable; recomputed by `dfd adherence`.
CREATE TABLE adherence (
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model_id TEXT    NOT NULL,
    score    REAL    NOT NULL,
    PRIMARY KEY (image_id, model_id)
);
CREATE INDEX adherence_score ON adherence (model_id, score);
