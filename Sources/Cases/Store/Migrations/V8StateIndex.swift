/// A covering index for the last committed state of a record.
enum V8StateIndex: SchemaMigration {
    static let identifier = "v8-state-index"
    static let sql = """
            -- The last committed state of a record (AuditTrail.lastState, on every opening of a
            -- case) in one descent of a covering index, however often the case was read.
            CREATE INDEX audit_log_record_states ON audit_log(record, seq, state) WHERE state IS NOT NULL;
            """
}
