-- The audit trail is append-only: UPDATE and DELETE are refused (H2 has no TRUNCATE triggers).
CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record FOR EACH ROW
    CALL 'io.homeostat.store.jdbc.AppendOnlyTrigger';
CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record FOR EACH ROW
    CALL 'io.homeostat.store.jdbc.AppendOnlyTrigger';
