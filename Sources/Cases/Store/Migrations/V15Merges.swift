/// Merging a duplicate (issue 15): one woman recorded twice becomes one person.
enum V15Merges: SchemaMigration {
    static let identifier = "v15-merges"
    static let sql = """
            -- A person merged into another by a manager of their centre: her cases moved to the
            -- person kept, every value of hers re-sealed under that person's key, and her own
            -- key and fields deleted. The row says where her cases went, so that her old person
            -- id, typed again, is answered with the person it became.
            CREATE TABLE merges (
                person_id TEXT PRIMARY KEY NOT NULL REFERENCES persons(id),
                into_person TEXT NOT NULL REFERENCES persons(id),
                centre TEXT NOT NULL REFERENCES centres(code),
                by_user TEXT NOT NULL,
                merged_on TEXT NOT NULL,
                CHECK (person_id <> into_person)
            );
            """
}
