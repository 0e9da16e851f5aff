/// The case plan (issue 15): goals linked to needs, the services planned for them, and the
/// services delivered.
enum V12Plan: SchemaMigration {
    static let identifier = "v12-plan"
    static let sql = """
            -- A goal of her case plan, for one of the case's needs: who is responsible, by when,
            -- and whether it was met, partly met or dropped. What the goal says is sealed.
            CREATE TABLE plan_goals (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                need TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'met', 'partly-met', 'dropped')),
                responsible TEXT REFERENCES users(name),
                target_on TEXT CHECK (target_on IS NULL OR target_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                description BLOB,
                created_by TEXT NOT NULL,
                created_on TEXT NOT NULL,
                closed_on TEXT
            );
            CREATE INDEX plan_goals_case ON plan_goals(case_id);
            -- A service planned for a goal (policy/codes/services.yaml), by the centre or a
            -- partner agency, with who is responsible and a target day.
            CREATE TABLE plan_services (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                goal_id TEXT NOT NULL REFERENCES plan_goals(id) ON DELETE CASCADE,
                service TEXT NOT NULL,
                agency_id TEXT REFERENCES agencies(id),
                responsible TEXT REFERENCES users(name),
                target_on TEXT CHECK (target_on IS NULL OR target_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                created_by TEXT NOT NULL,
                created_on TEXT NOT NULL
            );
            CREATE INDEX plan_services_case ON plan_services(case_id);
            -- A service delivered: the day, the provider (the centre when `agency_id` is NULL),
            -- the outcome code, optionally the goal it served; a sealed note. Counted in reports.
            CREATE TABLE services_delivered (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                goal_id TEXT REFERENCES plan_goals(id) ON DELETE SET NULL,
                service TEXT NOT NULL,
                agency_id TEXT REFERENCES agencies(id),
                on_day TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'partly-completed', 'not-completed', 'refused')),
                note BLOB,
                recorded_by TEXT NOT NULL,
                recorded_on TEXT NOT NULL
            );
            CREATE INDEX services_delivered_case ON services_delivered(case_id);
            """
}
