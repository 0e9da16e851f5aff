import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// The audit trail: every read and write is recorded, and `audit verify` names the first
/// entry that was edited, deleted, reordered or re-signed (SECURITY.md, "Audit trail").
@Suite struct AuditTests {
    /// A fixture with some work done: logins, a case opened, shown, found, noted.
    private func worked() throws -> (Fixture, String) {
        let f = try Fixture()
        let opened = try f.open("Người Kiểm Toán", phone: "0911000111")
        let hoa = try f.session("hoa")
        _ = try f.store.showCase(hoa, id: opened.id)
        _ = try f.store.findCases(hoa, policy: f.policy, query: .phone("0911000111"))
        try f.store.addNote(hoa, caseID: opened.id, text: PersonalText("Ghi chú kiểm toán"))
        return (f, opened.id)
    }

    /// Runs raw SQL on the file as an attacker would: the append-only triggers dropped first.
    private func tamper(_ f: Fixture, _ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: f.directory.appendingPathComponent("test.db").path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete")
            try db.execute(sql: sql, arguments: arguments)
        }
        try queue.close()
    }

    private func firstBad(_ f: Fixture) throws -> Int64? {
        do {
            _ = try f.store.verifyAudit(f.session("trung"))
            return nil
        } catch CaunoiError.auditChainBroken(let entry) {
            return entry
        }
    }

    private func seq(_ f: Fixture, action: String, user: String? = nil) throws -> Int64 {
        let queue = try DatabaseQueue(path: f.directory.appendingPathComponent("test.db").path)
        defer { try? queue.close() }
        return try queue.read { db in
            try #require(try Int64.fetchOne(db, sql: "SELECT seq FROM audit_log WHERE action = ? AND (? IS NULL OR user = ?) ORDER BY seq LIMIT 1",
                                            arguments: [action, user, user]))
        }
    }

    @Test func everyStepIsRecordedWithoutPersonalData() throws {
        let (f, id) = try worked()
        defer { f.cleanUp() }
        let entries = try f.store.auditLog(f.session("trung"), caseID: id)
        #expect(entries.map(\.action) == ["case.open", "case.read", "case.note"])
        #expect(entries.allSatisfy { $0.user == "hoa" && $0.centre == "HN-OSSO" })
        let all = try f.store.auditLog(f.session("root"))
        #expect(all.contains { $0.action == "case.find" && $0.user == "hoa" })
        #expect(all.contains { $0.action == "login" && $0.user == "hoa" })
        let text = all.map { [$0.user, $0.action, $0.record ?? "", $0.centre ?? ""].joined(separator: " ") }.joined(separator: "\n")
        #expect(!text.contains("Kiểm Toán") && !text.contains("0911000111"))
        #expect(try firstBad(f) == nil)
    }

    @Test func managersSeeTheirCentreOthersAreRefused() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        #expect(try f.store.auditLog(f.session("lan")).allSatisfy { $0.centre == "HN-OSSO" })
        #expect(try f.store.auditLog(f.session("mai")).allSatisfy { $0.centre == "CT-MC" })
        #expect(throws: CaunoiError.self) { _ = try f.store.auditLog(f.session("hoa")) }
        #expect(throws: CaunoiError.self) { _ = try f.store.auditLog(f.session("thu")) }
    }

    @Test func aFailedUnlockIsRecordedUnsignedAndTheChainStillVerifies() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        #expect(throws: CaunoiError.wrongPassphrase) { _ = try f.store.unlock(user: "hoa", passphrase: SecureBytes(utf8: "not hers at all")) }
        #expect(throws: CaunoiError.wrongPassphrase) { _ = try f.store.unlock(user: "nobody-here", passphrase: SecureBytes(utf8: "whatever it is")) }
        let failed = try f.store.auditLog(f.session("root")).filter { $0.action == "unlock.failed" }
        #expect(failed.map(\.user) == ["hoa", "?"])
        #expect(try firstBad(f) == nil)
    }

    @Test func anEditedEntryIsNamed() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let read = try seq(f, action: "case.read")
        try tamper(f, "UPDATE audit_log SET user = 'lan' WHERE seq = ?", [read])
        #expect(try firstBad(f) == read)
    }

    @Test func aDeletedEntryIsNamedInTheMiddleAndAtTheEnd() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let read = try seq(f, action: "case.read")
        try tamper(f, "DELETE FROM audit_log WHERE seq = ?", [read])
        #expect(try firstBad(f) == read)

        let (g, _) = try worked()
        defer { g.cleanUp() }
        let queue = try DatabaseQueue(path: g.directory.appendingPathComponent("test.db").path)
        let last = try queue.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_log")! }
        try queue.close()
        try tamper(g, "DELETE FROM audit_log WHERE seq = ?", [last])
        // The next entries (the verifier's own login) cannot close the gap.
        #expect(try firstBad(g) == last)
    }

    @Test func reorderedEntriesAreNamed() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let read = try seq(f, action: "case.read")
        // Swap two entries' places, each keeping its own hash and signature.
        try tamper(f, "UPDATE audit_log SET seq = 1000000 WHERE seq = ?", [read])
        try tamper(f, "UPDATE audit_log SET seq = ? WHERE seq = ?", [read, read + 1])
        try tamper(f, "UPDATE audit_log SET seq = ? WHERE seq = 1000000", [read + 1])
        #expect(try firstBad(f) == read)
    }

    @Test func anEntryReSignedByAnotherUsersKeyIsNamed() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let read = try seq(f, action: "case.read")
        let lan = try f.session("lan").signingKeyPair
        let queue = try DatabaseQueue(path: f.directory.appendingPathComponent("test.db").path)
        let hash = try queue.read { db in try Data.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE seq = ?", arguments: [read])! }
        try queue.close()
        let signature = try lan.signature(for: [UInt8](hash))
        #expect(Ed25519.isValid(signature: signature, for: [UInt8](hash), publicKey: lan.publicKey))
        try tamper(f, "UPDATE audit_log SET signer = ?, signature = ? WHERE seq = ?", [Data(lan.publicKey), Data(signature), read])
        #expect(try firstBad(f) == read)
    }

    /// `signing_keys` is a plain table: a key the editor adds there signs nothing that
    /// verifies, because only certified keys count (issue 12).
    @Test func anEntrySignedWithAKeyAddedToTheFileIsNamed() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let read = try seq(f, action: "case.read")
        let forger = SigningKeyPair.generate()
        let queue = try DatabaseQueue(path: f.directory.appendingPathComponent("test.db").path)
        let row = try queue.read { db in try Row.fetchOne(db, sql: "SELECT user, hash FROM audit_log WHERE seq = ?", arguments: [read])! }
        try queue.close()
        try tamper(f, "INSERT INTO signing_keys (user, public, added_on) VALUES (?, ?, '2026-12-01')", [row["user"] as String, Data(forger.publicKey)])
        try tamper(f, "UPDATE audit_log SET signer = ?, signature = ? WHERE seq = ?",
                   [Data(forger.publicKey), Data(try forger.signature(for: [UInt8](row["hash"] as Data))), read])
        #expect(try firstBad(f) == read)
    }

    @Test func anUnsignedEntryOtherThanAFailedUnlockIsNamed() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let read = try seq(f, action: "case.read")
        try tamper(f, "UPDATE audit_log SET signer = NULL, signature = NULL WHERE seq = ?", [read])
        #expect(try firstBad(f) == read)
    }

    @Test func theApplicationCannotRewriteItsOwnTrail() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let queue = try DatabaseQueue(path: f.directory.appendingPathComponent("test.db").path)
        defer { try? queue.close() }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "UPDATE audit_log SET user = 'x'") } }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_log") } }
    }
}
