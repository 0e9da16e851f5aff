/// Lifecycle: erasure (crypto-shredding) and its ledger, retention, nullable sealed columns.
enum V5Lifecycle: SchemaMigration {
    static let identifier = "v5-lifecycle"
    // Erasure (crypto-shredding) leaves a person row with no key and no sealed field, and
    // referrals with no disclosure: those columns become nullable. SQLite cannot drop NOT
    // NULL, so both tables are rebuilt (foreign keys are off during migrations).
    static var sql: String {
        let personColumns = "id, centre, centre_key_version, wrapped_dek, name, other_names, dob, birth_year, phones, email, id_number, passport, address, created_on"
        let referralColumns = """
            id, case_id, centre, agency_id, service, priority, status, rule_id, review, fields, consent_id, override, due,
            decline_code, created_on, created_by, disclosed, review_box
            """
        return """
            CREATE TABLE persons_v5 (
                id TEXT PRIMARY KEY NOT NULL,
                centre TEXT NOT NULL REFERENCES centres(code),
                centre_key_version INTEGER NOT NULL,
                -- NULL once erased: without it any ciphertext of hers left in this file is noise.
                wrapped_dek BLOB,
                name BLOB,
                other_names BLOB,
                dob BLOB,
                birth_year BLOB,
                phones BLOB,
                email BLOB,
                id_number BLOB,
                passport BLOB,
                address BLOB,
                created_on TEXT NOT NULL,
                CHECK (wrapped_dek IS NULL OR name IS NOT NULL),
                CHECK (wrapped_dek IS NOT NULL
                       OR coalesce(name, other_names, dob, birth_year, phones, email, id_number, passport, address) IS NULL)
            );
            INSERT INTO persons_v5 (\(personColumns)) SELECT \(personColumns) FROM persons;
            DROP TABLE persons;
            ALTER TABLE persons_v5 RENAME TO persons;

            CREATE TABLE referrals_v5 (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id),
                centre TEXT NOT NULL REFERENCES centres(code),
                agency_id TEXT NOT NULL REFERENCES agencies(id),
                service TEXT NOT NULL,
                priority TEXT NOT NULL CHECK (priority IN ('emergency', 'urgent', 'normal')),
                status TEXT NOT NULL CHECK (status IN ('draft', 'pending-review', 'ready', 'sent', 'accepted',
                    'declined', 'completed', 'withdrawn')),
                rule_id TEXT NOT NULL,
                review INTEGER NOT NULL CHECK (review IN (0, 1)),
                fields TEXT NOT NULL,
                consent_id TEXT REFERENCES consents(id),
                override INTEGER NOT NULL DEFAULT 0 CHECK (override IN (0, 1)),
                due TEXT NOT NULL,
                decline_code TEXT,
                created_on TEXT NOT NULL,
                created_by TEXT NOT NULL,
                -- NULL once the woman's data is erased.
                disclosed BLOB,
                review_box BLOB,
                CHECK (consent_id IS NOT NULL OR override = 1)
            );
            INSERT INTO referrals_v5 (\(referralColumns)) SELECT \(referralColumns) FROM referrals;
            DROP TABLE referrals;
            ALTER TABLE referrals_v5 RENAME TO referrals;
            CREATE INDEX referrals_case ON referrals(case_id);
            CREATE INDEX referrals_status ON referrals(status, due);

            -- The erasure ledger: whose data was shredded, when, by whom and why. Ids only. A
            -- restored backup is erased again from the live database's ledger.
            CREATE TABLE erasures (
                person_id TEXT PRIMARY KEY NOT NULL,
                centre TEXT NOT NULL,
                erased_on TEXT NOT NULL,
                by_user TEXT NOT NULL,
                basis TEXT NOT NULL CHECK (basis IN ('request', 'retention', 'ledger'))
            );
            CREATE TRIGGER erasures_no_update BEFORE UPDATE ON erasures
                BEGIN SELECT RAISE(ABORT, 'the erasure ledger is append-only'); END;
            CREATE TRIGGER erasures_no_delete BEFORE DELETE ON erasures
                BEGIN SELECT RAISE(ABORT, 'the erasure ledger is append-only'); END;
            """
    }
}
