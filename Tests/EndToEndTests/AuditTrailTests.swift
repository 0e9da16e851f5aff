import Foundation
import GRDB
import Testing

/// Acceptance (issue 5, audit): `audit verify` exits 0 on an untouched database and 65 naming
/// the first bad entry after one is edited behind caunoi's back; entries hold no personal data.
@Suite("Audit trail")
struct AuditTrailTests {
    @Test("verify passes untouched, fails with 65 naming an edited entry; the log holds ids, not names")
    func verifyAndTamper() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let opened = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone])
            _ = try await d.show(opened.id)
            let verified = try await d.run(["audit", "verify"], as: .manager)
            #expect(verified.status == 0, "\(verified.stderr)")

            let log = try await d.ok(["audit", "log", "--case", opened.id, "--json"], as: .manager)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
            #expect(entries.compactMap { $0["action"] as? String } == ["case.open", "case.read"])
            #expect(!log.stdout.contains(Invented.hoaPhone) && !Invented.fold(log.stdout).contains(Invented.fold(Invented.hoa)))
            let byUser = try await d.ok(["audit", "log", "--user", Staff.counsellor.name, "--since", "2000-01-01"], as: .manager)
            #expect(byUser.stdout.contains("case.read"))
            #expect(try await d.run(["audit", "log"], as: .counsellor).status == 77)
            #expect(try await d.run(["audit", "log", "--since", "yesterday"], as: .manager).status == 65)

            let queue = try DatabaseQueue(path: d.databasePath)
            let target = try await queue.write { db -> Int64 in
                try db.execute(sql: "DROP TRIGGER audit_log_no_update")
                let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM audit_log WHERE action = 'case.read'")!
                try db.execute(sql: "UPDATE audit_log SET record = 'HN-OSSO-2026-99999' WHERE seq = ?", arguments: [seq])
                return seq
            }
            try queue.close()
            let broken = try await d.run(["audit", "verify"], as: .manager)
            #expect(broken.status == 65)
            #expect(broken.stderrLines.count == 1)
            #expect(broken.stderr.contains("#\(target)"), "\(broken.stderr)")
        }
    }
}
