import GRDB

/// Schema migrations. Named by strings and never edited once shipped: add a new one instead.
/// Constraints live in the schema ("trust SQLite more than yourself").
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value BLOB NOT NULL
                );
                CREATE TABLE centres (
                    code TEXT PRIMARY KEY NOT NULL
                        CHECK (length(code) BETWEEN 2 AND 24 AND code NOT GLOB '*[^A-Z0-9-]*'),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    province TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('osso', 'marriage', 'central', 'association-desk')),
                    key_version INTEGER NOT NULL DEFAULT 1 CHECK (key_version >= 1),
                    created_on TEXT NOT NULL
                );
                -- Keys wrapped (crypto_box_seal) to the recovery public key: centre keys, index key,
                -- central review secret key. Only the offline recovery key opens them.
                CREATE TABLE recovery_wraps (
                    key_id TEXT PRIMARY KEY NOT NULL,
                    wrapped BLOB NOT NULL
                );
                CREATE TABLE users (
                    name TEXT PRIMARY KEY NOT NULL
                        CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-z0-9._-]*'),
                    role TEXT NOT NULL CHECK (role IN ('counsellor', 'manager', 'central', 'statistician', 'admin')),
                    centre TEXT REFERENCES centres(code),
                    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
                    box_public BLOB NOT NULL CHECK (length(box_public) = 32),
                    sign_public BLOB NOT NULL CHECK (length(sign_public) = 32),
                    created_on TEXT NOT NULL,
                    created_by TEXT,
                    CHECK ((role IN ('counsellor', 'manager')) = (centre IS NOT NULL))
                );
                CREATE TABLE keyslots (
                    user TEXT PRIMARY KEY NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                    algorithm TEXT NOT NULL CHECK (algorithm = 'argon2id13'),
                    opslimit INTEGER NOT NULL CHECK (opslimit >= 1),
                    memlimit INTEGER NOT NULL CHECK (memlimit >= 8192),
                    salt BLOB NOT NULL CHECK (length(salt) = 16),
                    sealed BLOB NOT NULL,
                    updated_on TEXT NOT NULL
                );
                CREATE TABLE key_grants (
                    id INTEGER PRIMARY KEY,
                    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                    key_id TEXT NOT NULL,
                    sealed BLOB NOT NULL,
                    granted_by TEXT NOT NULL,
                    created_on TEXT NOT NULL
                );
                CREATE TABLE persons (
                    id TEXT PRIMARY KEY NOT NULL,
                    centre TEXT NOT NULL REFERENCES centres(code),
                    centre_key_version INTEGER NOT NULL,
                    wrapped_dek BLOB NOT NULL,
                    name BLOB NOT NULL,
                    other_names BLOB,
                    dob BLOB,
                    birth_year BLOB,
                    phones BLOB,
                    email BLOB,
                    id_number BLOB,
                    passport BLOB,
                    address BLOB,
                    created_on TEXT NOT NULL
                );
                CREATE TABLE blind_indexes (
                    kind TEXT NOT NULL CHECK (kind IN ('name', 'name_token', 'phone', 'id_number', 'passport')),
                    value INTEGER NOT NULL,
                    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
                    PRIMARY KEY (kind, value, person_id)
                ) WITHOUT ROWID;
                CREATE INDEX blind_indexes_person ON blind_indexes(person_id);
                CREATE TABLE case_sequences (
                    centre TEXT NOT NULL REFERENCES centres(code),
                    year INTEGER NOT NULL,
                    last INTEGER NOT NULL CHECK (last >= 0),
                    PRIMARY KEY (centre, year)
                );
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY NOT NULL,
                    person_id TEXT NOT NULL REFERENCES persons(id),
                    centre TEXT NOT NULL REFERENCES centres(code),
                    programme TEXT NOT NULL CHECK (programme IN ('marriage', 'returnee', 'association')),
                    status TEXT NOT NULL CHECK (status IN ('open', 'active', 'closed')),
                    risk TEXT CHECK (risk IN ('low', 'medium', 'high')),
                    assigned_to TEXT REFERENCES users(name),
                    origin_province TEXT,
                    destination TEXT CHECK (destination IS NULL OR length(destination) = 2),
                    migration TEXT,
                    age_band TEXT,
                    association_id TEXT,
                    outcome TEXT,
                    opened_on TEXT NOT NULL CHECK (opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    closed_on TEXT,
                    safe_contact BLOB,
                    created_by TEXT NOT NULL,
                    updated_on TEXT NOT NULL,
                    CHECK ((status = 'closed') = (outcome IS NOT NULL AND closed_on IS NOT NULL))
                );
                CREATE INDEX cases_person ON cases(person_id);
                CREATE INDEX cases_centre_status ON cases(centre, status);
                CREATE TABLE case_needs (
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    need TEXT NOT NULL,
                    PRIMARY KEY (case_id, need)
                ) WITHOUT ROWID;
                -- Workflow history. `reason` is sealed (free text); the rest are codes.
                CREATE TABLE case_events (
                    id TEXT PRIMARY KEY NOT NULL,
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    on_day TEXT NOT NULL,
                    by_user TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('opened', 'assigned', 'closed', 'reopened', 'updated')),
                    from_status TEXT,
                    to_status TEXT,
                    detail TEXT,
                    reason BLOB
                );
                CREATE INDEX case_events_case ON case_events(case_id);
                CREATE TABLE notes (
                    id TEXT PRIMARY KEY NOT NULL,
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    author TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE INDEX notes_case ON notes(case_id);
                """)
        }
        migrator.registerMigration("v2-referrals") { db in
            try db.execute(sql: """
                -- Centres get an X25519 public key whose secret is derived from the centre key, so
                -- a central officer can seal a return reason that only the centre's staff can read.
                ALTER TABLE centres ADD COLUMN box_public BLOB CHECK (box_public IS NULL OR length(box_public) = 32);
                CREATE TABLE agencies (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 2 AND 64 AND id NOT GLOB '*[^a-z0-9-]*'),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    name_en TEXT,
                    kind TEXT NOT NULL CHECK (kind IN ('justice', 'legal-aid', 'police', 'border-guard', 'health', 'shelter',
                        'social-protection', 'embassy', 'international-organisation', 'foreign-counterpart', 'ngo',
                        'employment', 'education')),
                    website TEXT,
                    email TEXT,
                    phone TEXT,
                    address TEXT CHECK (kind <> 'shelter' OR address IS NULL),
                    description TEXT,
                    public_key BLOB CHECK (public_key IS NULL OR length(public_key) = 32),
                    source TEXT NOT NULL CHECK (source IN ('policy', 'added', 'hsds'))
                );
                CREATE TABLE agency_codes (
                    agency_id TEXT NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('service', 'province', 'country')),
                    code TEXT NOT NULL,
                    PRIMARY KEY (agency_id, kind, code)
                ) WITHOUT ROWID;
                -- A woman's consent, scoped to a purpose and, for referrals, to an agency or a kind
                -- of agency and to the fields she agreed to disclose (NULL: every field).
                CREATE TABLE consents (
                    id TEXT PRIMARY KEY NOT NULL,
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    purpose TEXT NOT NULL CHECK (purpose IN ('services', 'referral', 'statistics', 'contact')),
                    agency_id TEXT REFERENCES agencies(id),
                    agency_kind TEXT,
                    fields TEXT,
                    note BLOB,
                    given_on TEXT NOT NULL,
                    given_by TEXT NOT NULL,
                    withdrawn_on TEXT,
                    withdrawn_by TEXT,
                    CHECK (agency_id IS NULL OR agency_kind IS NULL)
                );
                CREATE INDEX consents_case ON consents(case_id);
                CREATE TABLE referrals (
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
                    -- The disclosed fields and safe-contact instruction, sealed under the person's key
                    -- (staff) and, when review is required, to the central review public key.
                    disclosed BLOB NOT NULL,
                    review_box BLOB,
                    CHECK (consent_id IS NOT NULL OR override = 1)
                );
                CREATE INDEX referrals_case ON referrals(case_id);
                CREATE INDEX referrals_status ON referrals(status, due);
                CREATE TABLE referral_events (
                    id TEXT PRIMARY KEY NOT NULL,
                    referral_id TEXT NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
                    on_day TEXT NOT NULL,
                    by_user TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    from_status TEXT,
                    to_status TEXT,
                    detail TEXT,
                    -- Free text (override, return, withdrawal reasons, agency notes): sealed under the
                    -- person's key by staff, or to the centre's and the central review keys by a central officer.
                    reason BLOB,
                    reason_for_centre BLOB,
                    reason_for_central BLOB
                );
                CREATE INDEX referral_events_referral ON referral_events(referral_id);
                """)
        }
        migrator.registerMigration("v3-statistics") { db in
            try db.execute(sql: """
                -- Every statistics export: who, when, what was asked, under which policy, what was
                -- suppressed, and for DP exports the epsilon spent and the noisy answer (aggregate
                -- counts only), returned again for an identical request instead of fresh noise.
                CREATE TABLE stats_ledger (
                    id TEXT PRIMARY KEY NOT NULL,
                    at TEXT NOT NULL,
                    user TEXT NOT NULL,
                    request TEXT NOT NULL,
                    policy_hash TEXT NOT NULL,
                    dp INTEGER NOT NULL CHECK (dp IN (0, 1)),
                    epsilon_numerator INTEGER,
                    epsilon_denominator INTEGER,
                    budget_year INTEGER NOT NULL,
                    threshold INTEGER,
                    cells INTEGER NOT NULL,
                    suppressed_primary INTEGER NOT NULL DEFAULT 0,
                    suppressed_secondary INTEGER NOT NULL DEFAULT 0,
                    result TEXT,
                    CHECK (dp = 0 OR (epsilon_numerator > 0 AND epsilon_denominator > 0 AND result IS NOT NULL))
                );
                CREATE INDEX stats_ledger_request ON stats_ledger(request, policy_hash);
                """)
        }
        migrator.registerMigration("v4-audit") { db in
            try db.execute(sql: """
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
                """)
        }
        migrator.registerMigration("v5-lifecycle") { db in
            // Erasure (crypto-shredding) leaves a person row with no key and no sealed field, and
            // referrals with no disclosure: those columns become nullable. SQLite cannot drop NOT
            // NULL, so both tables are rebuilt (foreign keys are off during migrations).
            let personColumns = "id, centre, centre_key_version, wrapped_dek, name, other_names, dob, birth_year, phones, email, id_number, passport, address, created_on"
            let referralColumns = """
                id, case_id, centre, agency_id, service, priority, status, rule_id, review, fields, consent_id, override, due,
                decline_code, created_on, created_by, disclosed, review_box
                """
            try db.execute(sql: """
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
                """)
        }
        migrator.registerMigration("v6-associations") { db in
            try db.execute(sql: """
                -- Overseas Vietnamese women's associations (issue 6). Name, country, city, founding
                -- date, status, member count and website are organisational data, in the clear.
                -- The contact person's name, phone and e-mail and the free-text note are sealed
                -- under the association's own DEK, wrapped under the key of the centre that keeps
                -- the association, exactly as a person's fields are.
                CREATE TABLE associations (
                    id TEXT PRIMARY KEY NOT NULL,
                    centre TEXT NOT NULL REFERENCES centres(code),
                    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                    country TEXT NOT NULL CHECK (length(country) = 2),
                    city TEXT,
                    founded TEXT CHECK (founded IS NULL OR founded GLOB '[0-9][0-9][0-9][0-9]'
                                        OR founded GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    status TEXT NOT NULL CHECK (status IN ('forming', 'active', 'dormant', 'dissolved')),
                    members INTEGER CHECK (members IS NULL OR members >= 0),
                    website TEXT,
                    centre_key_version INTEGER NOT NULL,
                    wrapped_dek BLOB NOT NULL,
                    contact_name BLOB,
                    contact_phone BLOB,
                    contact_email BLOB,
                    note BLOB,
                    created_on TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    updated_on TEXT NOT NULL
                );
                CREATE INDEX associations_country ON associations(country, status);
                -- Registration, changes and status moves; a reopening reason is sealed.
                CREATE TABLE association_events (
                    id TEXT PRIMARY KEY NOT NULL,
                    association_id TEXT NOT NULL REFERENCES associations(id),
                    on_day TEXT NOT NULL,
                    by_user TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('registered', 'updated', 'status')),
                    from_status TEXT,
                    to_status TEXT,
                    reason BLOB
                );
                CREATE INDEX association_events_association ON association_events(association_id);
                CREATE TABLE association_activities (
                    id TEXT PRIMARY KEY NOT NULL,
                    association_id TEXT NOT NULL REFERENCES associations(id),
                    on_day TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    kind TEXT NOT NULL,
                    participants INTEGER CHECK (participants IS NULL OR participants >= 0),
                    note BLOB,
                    created_by TEXT NOT NULL,
                    created_on TEXT NOT NULL
                );
                CREATE INDEX association_activities_association ON association_activities(association_id, on_day);
                -- What an association's support request asks for (policy/codes/support-requests.yaml).
                ALTER TABLE cases ADD COLUMN support_request TEXT
                    CHECK (support_request IS NULL OR programme = 'association');
                CREATE INDEX cases_association ON cases(association_id);
                """)
        }
        migrator.registerMigration("v7-integrity") { db in
            try db.execute(sql: """
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
                """)
        }
        migrator.registerMigration("v8-state-index") { db in
            try db.execute(sql: """
                -- The last committed state of a record (AuditTrail.lastState, on every opening of a
                -- case) in one descent of a covering index, however often the case was read.
                CREATE INDEX audit_log_record_states ON audit_log(record, seq, state) WHERE state IS NOT NULL;
                """)
        }
        return migrator
    }
}
