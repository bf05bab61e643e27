-- The ports order some results by a text key "in string order" (IncidentStore: ties by id;
-- PatternStore: ties by signature; BaselineStore: by metric; EffectivenessStore: by action).
-- A database created with a linguistic collation (en_US.UTF-8, say) would sort those keys by
-- language rules instead; collation "C" sorts them by code point, as Java does for every
-- character outside the surrogate range. H2 compares strings that way already.
ALTER TABLE incident ALTER COLUMN id SET DATA TYPE VARCHAR(64) COLLATE "C";
ALTER TABLE error_pattern ALTER COLUMN signature SET DATA TYPE VARCHAR(700) COLLATE "C";
ALTER TABLE baseline ALTER COLUMN metric SET DATA TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE effectiveness ALTER COLUMN action SET DATA TYPE VARCHAR(200) COLLATE "C";
