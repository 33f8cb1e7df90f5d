-- Generation metadata (issue 3): exact seeds, nested parts as JSON, parse status, LoRA hashes,
-- textual-inversion embeddings, prompt full-text search, and a re-read mark for files indexed before this.

-- Seeds reach 2^64-1 (ComfyUI): `seed` keeps the value when it fits a signed 64-bit integer, `seed_text` always.
ALTER TABLE generation ADD COLUMN seed_text TEXT;
ALTER TABLE generation ADD COLUMN hires_json TEXT;
ALTER TABLE generation ADD COLUMN c2pa_json TEXT;
ALTER TABLE generation ADD COLUMN warnings_json TEXT;
ALTER TABLE generation ADD COLUMN status TEXT NOT NULL DEFAULT 'parsed';   -- 'parsed' or 'malformed'
CREATE INDEX generation_generator ON generation (generator);
CREATE INDEX generation_model ON generation (model);
CREATE INDEX generation_sampler ON generation (sampler);
CREATE INDEX generation_seed ON generation (seed);

ALTER TABLE loras ADD COLUMN hash TEXT;

CREATE TABLE textual_inversions (
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    hash     TEXT
);
CREATE INDEX textual_inversions_image ON textual_inversions (image_id);

-- Word search over prompts (BM25). External content: the text lives once, in `generation`;
-- the triggers keep the index in step inside the same transaction as the row.
CREATE VIRTUAL TABLE prompts_fts USING fts5(
    prompt, negative_prompt,
    content = 'generation', content_rowid = 'image_id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER generation_fts_insert AFTER INSERT ON generation BEGIN
    INSERT INTO prompts_fts (rowid, prompt, negative_prompt) VALUES (new.image_id, new.prompt, new.negative_prompt);
END;
CREATE TRIGGER generation_fts_delete AFTER DELETE ON generation BEGIN
    INSERT INTO prompts_fts (prompts_fts, rowid, prompt, negative_prompt) VALUES ('delete', old.image_id, old.prompt, old.negative_prompt);
END;
CREATE TRIGGER generation_fts_update AFTER UPDATE ON generation BEGIN
    INSERT INTO prompts_fts (prompts_fts, rowid, prompt, negative_prompt) VALUES ('delete', old.image_id, old.prompt, old.negative_prompt);
    INSERT INTO prompts_fts (rowid, prompt, negative_prompt) VALUES (new.image_id, new.prompt, new.negative_prompt);
END;
INSERT INTO prompts_fts (prompts_fts) VALUES ('rebuild');

-- Files catalogued before metadata was read have metadata_read = 0: the next `dfd index` looks at them again.
ALTER TABLE files ADD COLUMN metadata_read INTEGER NOT NULL DEFAULT 0;
