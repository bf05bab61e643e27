-- An audit record's target names what a decision was about, e.g. 'flag:recovery.service:' and a
-- service name: with a long service name (180 characters and more) it passed 200 characters and
-- the insert was refused ('value too long'), so a change the API had answered 200 was never in the
-- trail. 500 holds the prefix and the longest name the API takes. Widening a VARCHAR rewrites no
-- row, so the append-only triggers (V2) refuse nothing here.
ALTER TABLE audit_record ALTER COLUMN target SET DATA TYPE VARCHAR(500);
