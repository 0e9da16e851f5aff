/// The first schema: deployment metadata, centres, users and keyslots, persons with sealed columns, blind indexes, cases, needs, history steps and notes.
enum V1Foundation: SchemaMigration {
    static let identifier = "v1-foundation"
    static let sql = """
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
            """
}
