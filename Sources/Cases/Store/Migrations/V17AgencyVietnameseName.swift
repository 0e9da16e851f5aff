/// A Vietnamese name beside a foreign partner's own (issue 16): staff read "다누리콜센터" as
/// "Tổng đài hỗ trợ Danuri (Hàn Quốc)".
enum V17AgencyVietnameseName: SchemaMigration {
    static let identifier = "v17-agency-vietnamese-name"
    static let sql = """
            -- agencies.yaml `name_vi`; HSDS attribute `caunoi-name-vi`.
            ALTER TABLE agencies ADD COLUMN name_vi TEXT;
            """
}
