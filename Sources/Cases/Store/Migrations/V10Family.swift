/// Her family (issue 15): children and a foreign spouse or former spouse, and which child a
/// need concerns.
enum V10Family: SchemaMigration {
    static let identifier = "v10-family"
    static let sql = """
            -- Her children. Codes are plain, for routing and statistics: sex, country of birth,
            -- Vietnamese birth registration (policy/codes/birth-registration.yaml), nationality
            -- status (policy/codes/nationality-status.yaml), whether the child lives with her.
            -- The child's name and date of birth are sealed under her data key.
            CREATE TABLE children (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                sex TEXT CHECK (sex IS NULL OR sex IN ('female', 'male')),
                birth_country TEXT CHECK (birth_country IS NULL OR length(birth_country) = 2),
                birth_registration TEXT NOT NULL,
                nationality TEXT NOT NULL,
                lives_with_her INTEGER CHECK (lives_with_her IS NULL OR lives_with_her IN (0, 1)),
                name BLOB,
                dob BLOB,
                added_by TEXT NOT NULL,
                added_on TEXT NOT NULL,
                updated_on TEXT NOT NULL
            );
            CREATE INDEX children_case ON children(case_id);
            -- Her foreign spouse or former spouse: nationality plain, name and contact sealed.
            CREATE TABLE spouses (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                relation TEXT NOT NULL CHECK (relation IN ('spouse', 'former-spouse')),
                nationality TEXT CHECK (nationality IS NULL OR length(nationality) = 2),
                name BLOB,
                contact BLOB,
                added_by TEXT NOT NULL,
                added_on TEXT NOT NULL,
                updated_on TEXT NOT NULL
            );
            CREATE INDEX spouses_case ON spouses(case_id);
            -- Which of her children a need concerns (child-birth-registration for her son):
            -- a referral for that need names them when her consent covers `children`.
            CREATE TABLE need_children (
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                need TEXT NOT NULL,
                child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
                PRIMARY KEY (case_id, need, child_id)
            ) WITHOUT ROWID;
            """
}
