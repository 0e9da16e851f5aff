import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// Schema migrations: each shipped one pinned by a checksum (a migration is never edited once
/// a database may hold it; a change goes into a new version), and a database left at every
/// earlier version upgrades to the newest without losing a row.
@Suite struct SchemaMigrationTests {
    /// BLAKE2b-256 (first 16 hex digits) of each migration's SQL, as shipped.
    static let shipped: KeyValuePairs<String, String> = [
        "v1-foundation": "01aa658a0b1cbf3a",
        "v2-referrals": "732a5f5f7cd7bc50",
        "v3-statistics": "ea1cc0b9009b134c",
        "v4-audit": "9d9e3b7955d2ded1",
        "v5-lifecycle": "935daeb3632577b2",
        "v6-associations": "69ad13375197437f",
        "v7-integrity": "32971e5671b7bd38",
        "v8-state-index": "0607ae52236490c7",
        "v9-casework": "8a68bb879c809b22",
        "v10-family": "ae0cd09981f2486d",
        "v11-documents": "c69bce3694f2a388",
        "v12-plan": "bf1ac28cf8e9098d",
        "v13-transfers": "3348e54a4d8e074d",
        "v14-assessments": "081f46a0e8f6d86e",
        "v15-merges": "1ac262a4634cf316",
        "v16-agency-language": "95597e9167119a08",
        "v17-agency-vietnamese-name": "4432b8a58e627784",
    ]

    static func checksum(_ sql: String) throws -> String {
        try BLAKE2b.hash(Array(sql.utf8), key: nil, outputByteCount: 32).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    @Test func shippedMigrationsAreUnchanged() throws {
        #expect(Schema.migrations.map(\.identifier) == Self.shipped.map(\.key))
        for (migration, pinned) in zip(Schema.migrations, Self.shipped) {
            let checksum = try Self.checksum(migration.sql)
            #expect(checksum == pinned.value, "\(checksum): \(migration.identifier) was edited: add a new migration instead")
        }
    }

    /// Rows a database of the first schema holds: a centre, two users with keyslots, a woman,
    /// her blind index, a case with a need, a history step and a note (sealed columns as
    /// random bytes: a migration never reads them).
    static let foundationRows = """
        INSERT INTO meta (key, value) VALUES ('deployment', X'00');
        INSERT INTO centres (code, name, province, kind, created_on) VALUES ('HN-OSSO', 'Văn phòng thử', '01', 'osso', '2026-01-05');
        INSERT INTO users (name, role, centre, box_public, sign_public, created_on)
            VALUES ('lan', 'manager', 'HN-OSSO', zeroblob(32), zeroblob(32), '2026-01-05'),
                   ('quantri', 'admin', NULL, randomblob(32), randomblob(32), '2026-01-05');
        INSERT INTO keyslots (user, algorithm, opslimit, memlimit, salt, sealed, updated_on)
            VALUES ('lan', 'argon2id13', 3, 65536, randomblob(16), randomblob(80), '2026-01-05');
        INSERT INTO persons (id, centre, centre_key_version, wrapped_dek, name, created_on)
            VALUES ('P-1', 'HN-OSSO', 1, randomblob(72), randomblob(40), '2026-01-06');
        INSERT INTO blind_indexes (kind, value, person_id) VALUES ('name', 42, 'P-1');
        INSERT INTO cases (id, person_id, centre, programme, status, opened_on, created_by, updated_on)
            VALUES ('HN-OSSO-2026-00001', 'P-1', 'HN-OSSO', 'returnee', 'open', '2026-01-06', 'lan', '2026-01-06');
        INSERT INTO case_needs (case_id, need) VALUES ('HN-OSSO-2026-00001', 'shelter');
        INSERT INTO case_events (id, case_id, on_day, by_user, kind) VALUES ('E-1', 'HN-OSSO-2026-00001', '2026-01-06', 'lan', 'opened');
        INSERT INTO notes (id, case_id, author, created_on, body) VALUES ('N-1', 'HN-OSSO-2026-00001', 'lan', '2026-01-06', randomblob(60));
        """

    /// From the second schema on: an agency, a consent and a referral with its history (the
    /// tables v5 rebuilds).
    static let referralRows = """
        INSERT INTO agencies (id, name, kind, source) VALUES ('vn-moj-hanoi', 'Sở Tư pháp thử', 'justice', 'policy');
        INSERT INTO consents (id, case_id, purpose, agency_kind, given_on, given_by)
            VALUES ('C-1', 'HN-OSSO-2026-00001', 'referral', 'justice', '2026-01-07', 'lan');
        INSERT INTO referrals (id, case_id, centre, agency_id, service, priority, status, rule_id, review, fields, consent_id, due,
                               created_on, created_by, disclosed)
            VALUES ('HN-OSSO-2026-00001-R1', 'HN-OSSO-2026-00001', 'HN-OSSO', 'vn-moj-hanoi', 'divorce-recognition', 'normal', 'draft',
                    'r1', 0, 'name', 'C-1', '2026-01-20T00:00:00Z', '2026-01-07', 'lan', randomblob(50));
        INSERT INTO referral_events (id, referral_id, on_day, by_user, kind, to_status)
            VALUES ('RE-1', 'HN-OSSO-2026-00001-R1', '2026-01-07', 'lan', 'created', 'draft');
        """

    static let countedTables = ["centres", "users", "keyslots", "persons", "blind_indexes", "cases", "case_needs", "case_events", "notes",
                                "agencies", "consents", "referrals", "referral_events"]

    @Test(arguments: 1..<Schema.migrations.count)
    func aDatabaseAtAnEarlierVersionUpgrades(version: Int) throws {
        let queue = try DatabaseQueue()
        let migrator = Schema.migrator
        let target = Schema.migrations[version - 1].identifier
        try migrator.migrate(queue, upTo: target)
        let before = try queue.write { db in
            try db.execute(sql: Self.foundationRows)
            if version >= 2 { try db.execute(sql: Self.referralRows) }
            return try Self.counts(db)
        }
        try migrator.migrate(queue)
        let (applied, after, integrity, foreignKeyProblems, need) = try queue.read { db in
            (try migrator.appliedIdentifiers(db), try Self.counts(db), try String.fetchAll(db, sql: "PRAGMA integrity_check"),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, try String.fetchOne(db, sql: "SELECT need FROM case_needs"))
        }
        #expect(applied == Set(Schema.migrations.map(\.identifier)))
        #expect(after.filter { before[$0.key] != nil } == before, "rows lost upgrading from \(target)")
        #expect(integrity == ["ok"])
        #expect(foreignKeyProblems == 0)
        #expect(need == "shelter")
    }

    static func counts(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in countedTables where try db.tableExists(table) {
            counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
        }
        return counts
    }
}
