import ArgumentParser

/// Options every command takes (CLI.md, "Global options and environment").
struct GlobalOptions: ParsableArguments {
    @Option(help: "Database file (env CAUNOI_DB, default ./caunoi.db).")
    var db: String?

    @Option(help: "Acting user (env CAUNOI_USER).")
    var user: String?

    @Option(help: "Policy folder (env CAUNOI_POLICY, default: the shipped one).")
    var policy: String?

    @Flag(help: "One JSON document on stdout.")
    var json = false

    @Option(help: "Language of human output: vi or en (default from LANG, else vi).")
    var lang: String?
}
