-- Curation by people, kept by content (image_id is the content hash's row, so a moved or re-scanned file keeps it).
-- Manual tags live in image_tags under the model id 'user' (category 'user', score 1): every `--tag` filter and the
-- image detail see them beside the tagger packs' tags, and `dfd tag --auto` never touches that model id.
CREATE TABLE ratings (
    image_id   INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    stars      INTEGER CHECK (stars BETWEEN 0 AND 5),
    favourite  INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    updated_at TEXT    NOT NULL
);
CREATE INDEX ratings_stars ON ratings (stars);

CREATE TABLE collections (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    created_at  TEXT    NOT NULL
);

-- position keeps the order images were added in (a collection built from a search keeps its ranking).
CREATE TABLE collection_images (
    collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    image_id      INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    added_at      TEXT    NOT NULL,
    PRIMARY KEY (collection_id, image_id)
);
CREATE INDEX collection_images_image ON collection_images (image_id);
