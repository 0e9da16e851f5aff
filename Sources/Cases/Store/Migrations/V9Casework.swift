/// The caseworker's daily work (issue 15): contacts, follow-up tasks, closure requests.
enum V9Casework: SchemaMigration {
    static let identifier = "v9-casework"
    static let sql = """
            -- Contacts with the woman: visits, calls, messages, accompaniments, group sessions.
            -- The day, kind and duration are plain (counted for reports); the time of day and
            -- the summary are sealed under her data key. `by_user` is the staff member who
            -- had the contact, `recorded_by`/`recorded_on` who wrote it down and when (a
            -- contact may be written down some days later, within policy/casework.yaml).
            CREATE TABLE contacts (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                on_day TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                kind TEXT NOT NULL,
                minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 1440),
                by_user TEXT NOT NULL REFERENCES users(name),
                recorded_by TEXT NOT NULL,
                recorded_on TEXT NOT NULL,
                at_time BLOB,
                summary BLOB
            );
            CREATE INDEX contacts_case ON contacts(case_id, on_day);
            -- Follow-up tasks made by hand (`reason` = 'manual', with a sealed note) and the
            -- follow-ups of the rules in policy/casework.yaml once someone marks them done
            -- (`rule_key` names the follow-up, so it is not shown again). Done tasks keep who
            -- and when.
            CREATE TABLE tasks (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                centre TEXT NOT NULL REFERENCES centres(code),
                reason TEXT NOT NULL,
                rule_key TEXT UNIQUE,
                due_on TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                assigned_to TEXT REFERENCES users(name),
                note BLOB,
                created_by TEXT NOT NULL,
                created_on TEXT NOT NULL,
                done_by TEXT,
                done_on TEXT,
                CHECK ((done_by IS NULL) = (done_on IS NULL)),
                CHECK ((reason = 'manual') = (rule_key IS NULL))
            );
            CREATE INDEX tasks_open ON tasks(centre, done_on, due_on);
            CREATE INDEX tasks_case ON tasks(case_id);
            -- History steps gain the kinds of this work: a closure requested and declined, a
            -- transfer between centres, a merge of duplicates. SQLite cannot change a CHECK,
            -- so the table is rebuilt, in its rows' order (foreign keys are off during
            -- migrations).
            CREATE TABLE case_events_v9 (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                on_day TEXT NOT NULL,
                by_user TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('opened', 'assigned', 'closed', 'reopened', 'updated',
                    'closure-requested', 'closure-declined', 'transfer-requested', 'transferred', 'merged')),
                from_status TEXT,
                to_status TEXT,
                detail TEXT,
                reason BLOB
            );
            INSERT INTO case_events_v9 (id, case_id, on_day, by_user, kind, from_status, to_status, detail, reason)
                SELECT id, case_id, on_day, by_user, kind, from_status, to_status, detail, reason FROM case_events ORDER BY rowid;
            DROP TABLE case_events;
            ALTER TABLE case_events_v9 RENAME TO case_events;
            CREATE INDEX case_events_case ON case_events(case_id);
            -- A counsellor's request to close a case that needs a manager's approval: the
            -- outcome asked for; cleared when a manager closes the case or declines.
            ALTER TABLE cases ADD COLUMN closure_request TEXT CHECK (closure_request IS NULL OR status <> 'closed');
            """
}
