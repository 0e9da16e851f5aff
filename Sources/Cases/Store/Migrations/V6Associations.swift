/// Overseas Vietnamese women's associations, their history and activities.
enum V6Associations: SchemaMigration {
    static let identifier = "v6-associations"
    static let sql = """
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
            """
}
