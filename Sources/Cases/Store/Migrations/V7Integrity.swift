/// The integrity layer (docs/SECURITY.md, "Integrity"): certificates, signed grants, case seals, committed states, imports.
enum V7Integrity: SchemaMigration {
    static let identifier = "v7-integrity"
    static let sql = """
            -- Signed statements that decide who receives keys and who may act (docs/SECURITY.md,
            -- "Integrity"). Only `body` (canonical JSON) under `signature` is believed; the other
            -- columns only find rows. Append-only: a removal is a signed revocation, not a delete.
            CREATE TABLE certificates (
                serial TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('user', 'recovery', 'central', 'centre', 'agency', 'revocation')),
                subject TEXT NOT NULL,
                issuer TEXT NOT NULL,
                body BLOB NOT NULL,
                signature BLOB NOT NULL CHECK (length(signature) = 64),
                signer_public BLOB NOT NULL CHECK (length(signer_public) = 32)
            );
            CREATE INDEX certificates_subject ON certificates(kind, subject);
            CREATE INDEX certificates_issuer ON certificates(issuer);
            CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates
                BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;
            CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
                BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;
            -- The signed hand-over beside each sealed key (NULL only in rows from before this
            -- version, which are refused until `keys certify` re-signs or drops them).
            ALTER TABLE key_grants ADD COLUMN body BLOB;
            ALTER TABLE key_grants ADD COLUMN signature BLOB;
            ALTER TABLE key_grants ADD COLUMN signer_public BLOB;
            ALTER TABLE recovery_wraps ADD COLUMN body BLOB;
            ALTER TABLE recovery_wraps ADD COLUMN signature BLOB;
            ALTER TABLE recovery_wraps ADD COLUMN signer_public BLOB;
            -- The case seal (Work/CaseSeal.swift): a MAC under a key derived from her data key
            -- over the case's plain columns and its needs, notes, history steps and consents.
            -- NULL only once her data is erased.
            ALTER TABLE cases ADD COLUMN seal BLOB CHECK (seal IS NULL OR length(seal) = 32);
            -- The record state a write left (a case's seal), committed in the signed chain.
            ALTER TABLE audit_log ADD COLUMN state BLOB CHECK (state IS NULL OR length(state) = 32);
            CREATE INDEX audit_log_states ON audit_log(action) WHERE state IS NOT NULL;
            -- Files already imported, by a keyed hash (under the centre's index key, so the
            -- column confirms no guessed file), so that a re-run is refused unless asked for.
            CREATE TABLE imports (
                centre TEXT NOT NULL REFERENCES centres(code),
                fingerprint BLOB NOT NULL CHECK (length(fingerprint) = 32),
                imported_on TEXT NOT NULL,
                by_user TEXT NOT NULL,
                cases INTEGER NOT NULL,
                PRIMARY KEY (centre, fingerprint)
            ) WITHOUT ROWID;
            """
}
