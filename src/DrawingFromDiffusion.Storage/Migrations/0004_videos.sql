-- Videos (and animated WebP/GIF): the file is an images row of kind 'video' (thumbnail = first kept
-- frame); each sampled frame is an images row of kind 'video_frame' with video_id and timestamp_ms.
CREATE TABLE videos (
    image_id      INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    duration_ms   INTEGER NOT NULL,
    fps           REAL    NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    codec         TEXT    NOT NULL,
    frame_count   INTEGER,
    texts_json    TEXT,                            -- raw generation texts (prompt, workflow, comment…) until parsed
    notes_json    TEXT                             -- non-fatal sampling problems
);

-- The frame as sampled (JPEG/WebP, short side ~288 px): frames have no file, so the embedding stage reads this.
CREATE TABLE frame_pixels (
    image_id INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    image    BLOB    NOT NULL
);

CREATE INDEX images_video ON images (video_id, timestamp_ms) WHERE video_id IS NOT NULL;
