-- The pack's preprocess revision each vector was made with (model.json image.preprocess_revision). `dfd index`
-- re-embeds the rows of another revision: the ResNet18 pack moved from transparent-as-black to flattening onto
-- white, and its older vectors of clip art were all alike. Rows written before this column are revision 0.
ALTER TABLE embeddings ADD COLUMN preprocess INTEGER NOT NULL DEFAULT 0;
