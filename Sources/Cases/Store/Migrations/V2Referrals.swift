/// Referrals: consents, the agency directory, referrals and their history.
enum V2Referrals: SchemaMigration {
    static let identifier = "v2-referrals"
    static let sql = """
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
            """
}
