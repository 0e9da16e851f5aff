/// The language a partner agency reads (issue 16): its referral letters are written in it.
enum V16AgencyLanguage: SchemaMigration {
    static let identifier = "v16-agency-language"
    static let sql = """
            -- Vietnamese or English: a letter to a Korean or Taiwanese partner is written in
            -- English, to a Vietnamese embassy abroad in Vietnamese (agencies.yaml `language`,
            -- HSDS service `languages`).
            ALTER TABLE agencies ADD COLUMN language TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en'));
            """
}
