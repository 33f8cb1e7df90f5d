-- Tags from pixels (`dfd tag --auto`): each tagger pack's picked tags with their scores and categories
-- (rating / general / character from the pack's selected_tags.csv). tagged_images marks an image as done for a
-- pack even when no tag passed the thresholds.
CREATE TABLE tagged_images (
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model_id TEXT    NOT NULL,
    PRIMARY KEY (image_id, model_id)
);
CREATE TABLE image_tags (
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model_id TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    category TEXT    NOT NULL,
    score    REAL    NOT NULL,
    PRIMARY KEY (image_id, model_id, name)
);
CREATE INDEX image_tags_name ON image_tags (name COLLATE NOCASE, image_id);
