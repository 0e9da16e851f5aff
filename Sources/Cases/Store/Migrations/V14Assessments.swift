/// Structured assessments (issue 15): the safety and risk assessment, trafficking indicators,
/// and any other form `policy/assessments/` defines.
enum V14Assessments: SchemaMigration {
    static let identifier = "v14-assessments"
    static let sql = """
            -- One assessment of a case with one form. Re-assessing adds a row: the history stays.
            -- The answers (question codes to answer codes, with the score) and the note are
            -- sealed; the form's code, the level it suggested and the level the counsellor
            -- decided are plain codes, for the dashboard and statistics. `form_digest` ties
            -- the answers to the wording that was asked (the policy file's hash).
            CREATE TABLE assessments (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                form TEXT NOT NULL,
                form_digest TEXT NOT NULL,
                suggested_level TEXT NOT NULL,
                level TEXT NOT NULL,
                answers BLOB,
                note BLOB,
                assessed_by TEXT NOT NULL,
                assessed_on TEXT NOT NULL CHECK (assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
            );
            CREATE INDEX assessments_case ON assessments(case_id, form);
            """
}
