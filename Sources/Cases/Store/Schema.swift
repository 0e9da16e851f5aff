import GRDB

/// One schema version: its name and its SQL, never edited once shipped (add a new one
/// instead; `MigrationChecksumTests` pins every shipped one). Plain SQL, no app types, so a
/// migration means the same thing whatever the code around it becomes. Constraints live in
/// the schema ("trust SQLite more than yourself").
protocol SchemaMigration {
    static var identifier: String { get }
    static var sql: String { get }
}

/// A migration as a value: its name and SQL, read once.
struct Migration: Sendable {
    let identifier: String
    let sql: String

    init(_ version: any SchemaMigration.Type) {
        identifier = version.identifier
        sql = version.sql
    }
}

enum Schema {
    /// Every version, oldest first.
    static let migrations: [Migration] = [
        Migration(V1Foundation.self), Migration(V2Referrals.self), Migration(V3Statistics.self), Migration(V4Audit.self), Migration(V5Lifecycle.self), Migration(V6Associations.self), Migration(V7Integrity.self), Migration(V8StateIndex.self), Migration(V9Casework.self), Migration(V10Family.self), Migration(V11Documents.self), Migration(V12Plan.self), Migration(V13Transfers.self), Migration(V14Assessments.self), Migration(V15Merges.self), Migration(V16AgencyLanguage.self), Migration(V17AgencyVietnameseName.self),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.identifier) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }
}
