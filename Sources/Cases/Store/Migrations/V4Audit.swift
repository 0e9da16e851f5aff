/// The signed, hash-chained audit trail and the history of signing keys.
enum V4Audit: SchemaMigration {
    static let identifier = "v4-audit"
    static let sql = """
            -- The audit trail (SECURITY.md, "Audit trail"): who, when, what action, which record,
            -- which centre; never personal data. Each entry carries the previous entry's hash and
            -- is signed by the acting user's Ed25519 key (only failed unlocks, where nobody is
            -- authenticated, are unsigned; the next signed entry covers them).
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
                at TEXT NOT NULL,
                user TEXT NOT NULL,
                action TEXT NOT NULL,
                record TEXT,
                centre TEXT,
                prev BLOB NOT NULL CHECK (length(prev) = 32),
                hash BLOB NOT NULL CHECK (length(hash) = 32),
                signer BLOB CHECK (signer IS NULL OR length(signer) = 32),
                signature BLOB CHECK (signature IS NULL OR length(signature) = 64),
                CHECK ((signer IS NULL) = (signature IS NULL))
            );
            CREATE INDEX audit_log_record ON audit_log(record);
            CREATE INDEX audit_log_user ON audit_log(user);
            -- The application never changes or removes an entry; `audit verify` catches anyone
            -- who drops these triggers and does.
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            -- The last sequence number, so that cutting entries off the end is noticed too.
            CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log
                BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', NEW.seq); END;
            -- Every signing key a user has had, so old entries still verify after a key change.
            CREATE TABLE signing_keys (
                user TEXT NOT NULL REFERENCES users(name),
                public BLOB NOT NULL CHECK (length(public) = 32),
                added_on TEXT NOT NULL,
                PRIMARY KEY (user, public)
            );
            INSERT INTO signing_keys (user, public, added_on) SELECT name, sign_public, created_on FROM users;
            CREATE TRIGGER users_signing_key_added AFTER INSERT ON users
                BEGIN INSERT OR IGNORE INTO signing_keys VALUES (NEW.name, NEW.sign_public, NEW.created_on); END;
            CREATE TRIGGER users_signing_key_changed AFTER UPDATE OF sign_public ON users
                BEGIN INSERT OR IGNORE INTO signing_keys VALUES (NEW.name, NEW.sign_public, date('now')); END;
            """
}
