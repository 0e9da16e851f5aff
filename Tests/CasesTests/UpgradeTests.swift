import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// Upgrading a database written by the code before certificates (schema v6, commit cf5ffbc:
/// Tests/Fixtures/v6/make-fixture.sh) with `keys certify`: no case is lost, every user works
/// again, and what an editor changed in the file before the upgrade is refused, not certified.
@Suite struct UpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/v6")

    /// A private copy of the v6 file and its recovery key.
    struct OldDatabase {
        let directory: URL
        let recovery: RecoveryKey
        var path: String { directory.appendingPathComponent("caunoi.db").path }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("caunoi-upgrade-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: UpgradeTests.fixture.appendingPathComponent("v6-database.bin"),
                                             to: directory.appendingPathComponent("caunoi.db"))
            recovery = try RecoveryKey.read(file: UpgradeTests.fixture.appendingPathComponent("v6-recovery-key.txt").path)
        }

        /// Edits the file with plain SQLite, before caunoi opens it.
        func edit(_ sql: String, _ arguments: StatementArguments = []) throws {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
            try queue.close()
        }

        func open() throws -> CaseStore { try CaseStore.open(path: path) }
        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    static func passphrase(_ user: String) -> SecureBytes { SecureBytes(utf8: "fixture passphrase \(user)") }

    static func unlock(_ store: CaseStore, _ user: String) throws -> Session {
        try store.unlock(user: user, passphrase: passphrase(user))
    }

    @Test func everyCaseAndUserSurvivesTheUpgrade() throws {
        let old = try OldDatabase()
        defer { old.cleanUp() }
        let store = try old.open()
        // Until an admin certifies, nobody is let in on what the file alone says.
        #expect(throws: CaunoiError.deploymentNotCertified) { _ = try Self.unlock(store, "thuy") }
        #expect(throws: CaunoiError.wrongPassphrase) {
            _ = try store.certifyDeployment(admin: "quantri", passphrase: SecureBytes(utf8: "not it"), recovery: old.recovery, policy: Policy.load(from: Fixture.policyDirectory))
        }
        #expect(throws: CaunoiError.wrongRecoveryKey) {
            _ = try store.certifyDeployment(admin: "quantri", passphrase: Self.passphrase("quantri"), recovery: RecoveryKey.generate(), policy: Policy.load(from: Fixture.policyDirectory))
        }
        #expect(throws: CaunoiError.roleNotAllowed(role: "?")) {
            _ = try store.certifyDeployment(admin: "lan", passphrase: Self.passphrase("lan"), recovery: old.recovery, policy: Policy.load(from: Fixture.policyDirectory))
        }

        let done = try store.certifyDeployment(admin: "quantri", passphrase: Self.passphrase("quantri"), recovery: old.recovery, policy: Policy.load(from: Fixture.policyDirectory))
        #expect(done.accounts.map(\.name) == ["hanh", "lan", "mai", "quantri", "thongke", "thuy", "trunguong"])
        #expect(done.accounts.filter { !$0.active }.map(\.name) == ["hanh"])
        #expect(done.centreVersions == 3 && done.pendingGrants == 1)
        #expect(throws: CaunoiError.deploymentAlreadyCertified) {
            _ = try store.certifyDeployment(admin: "quantri", passphrase: Self.passphrase("quantri"), recovery: old.recovery, policy: Policy.load(from: Fixture.policyDirectory))
        }

        // Staff pin the root after checking it under the index key; the counsellor reads all
        // of her centre's cases, notes, safe contact and the sealed return reason.
        let thuy = try Self.unlock(store, "thuy")
        #expect(thuy.newlyPinnedRoot == done.rootFingerprint && thuy.role == .counsellor && thuy.centre == "HN-OSSO")
        #expect(try Self.unlock(store, "thuy").newlyPinnedRoot == nil)
        let first = try store.showCase(thuy, id: "HN-OSSO-2026-00001")
        #expect(first.person.name?.revealed == "Trần Thị Thử Nghiệm")
        #expect(first.notes.map(\.text.revealed) == ["Ghi chú thử nghiệm thứ nhất.", "Ghi chú thử nghiệm thứ hai."])
        #expect(first.safeContact?.revealed == "Chỉ gọi sau 18h")
        #expect(try store.showCase(thuy, id: "HN-OSSO-2026-00002").person.name?.revealed == "Lê Thị Giả Định")
        #expect(try store.showCase(thuy, id: "HN-OSSO-2026-00003").person.name?.revealed == "Đỗ Thị Sau Xoay")
        #expect(try store.showReferral(thuy, id: "HN-OSSO-2026-00001-R1").events.compactMap(\.reason?.revealed)
            == ["Đồng ý trên giấy (thử nghiệm)", "Lý do trả lại thử nghiệm"])
        #expect(try store.findCases(thuy, policy: Policy.load(from: Fixture.policyDirectory), query: .phone("0987 000 222")).map(\.id)
            == ["HN-OSSO-2026-00002"])

        // The manager's grant of the rotated key, pending since before the upgrade, is folded in:
        // unsigned, but its key matches the certified commitment of version 2.
        let lan = try Self.unlock(store, "lan")
        #expect(lan.rejectedGrants.isEmpty && lan.key(.centre("HN-OSSO", version: 2)) != nil)
        #expect(try store.showCase(lan, id: "HN-OSSO-2026-00003").person.name?.revealed == "Đỗ Thị Sau Xoay")
        #expect(try store.showCase(Self.unlock(store, "mai"), id: "CT-HN-2026-00001").person.name?.revealed == "Phạm Thị Ví Dụ")
        #expect(try store.reviewQueue(Self.unlock(store, "trunguong")).isEmpty)
        // Without the index key the statistician trusts the root on first use (and is shown it).
        let thongke = try Self.unlock(store, "thongke")
        #expect(thongke.newlyPinnedRoot == done.rootFingerprint && thongke.role == .statistician)
        // The removed counsellor stays out; nothing was lost; the trail still verifies.
        #expect(throws: CaunoiError.wrongPassphrase) { _ = try Self.unlock(store, "hanh") }
        let counts = try store.read { db in
            [try Int.fetchOne(db, sql: "SELECT count(*) FROM cases"), try Int.fetchOne(db, sql: "SELECT count(*) FROM persons"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM notes"), try Int.fetchOne(db, sql: "SELECT count(*) FROM associations")]
        }
        #expect(counts == [4, 4, 2, 1])
        #expect(try store.verifyAudit(Self.unlock(store, "quantri")) > 30)
        // New work after the upgrade: a new user from the manager, and a rotation.
        _ = try store.addUser(lan, name: "ngoc", role: .counsellor, centre: "HN-OSSO", passphrase: Self.passphrase("ngoc"),
                              security: Fixture.security, recovery: nil)
        #expect(try store.showCase(Self.unlock(store, "ngoc"), id: "HN-OSSO-2026-00001").person.name?.revealed == "Trần Thị Thử Nghiệm")
        #expect(try store.rotateCentreKey(lan, centre: "HN-OSSO", recovery: nil).version == 3)
    }

    /// What an editor changed before the upgrade, and the file can confirm, is refused: the
    /// admin is told instead of certifying the attacker's key.
    @Test(arguments: [
        ("UPDATE meta SET value = randomblob(32) WHERE key = 'central_public'", "meta.central_public"),
        ("UPDATE meta SET value = randomblob(32) WHERE key = 'recovery_public'", "wrong recovery key"),
        ("UPDATE centres SET box_public = randomblob(32) WHERE code = 'HN-OSSO'", "centre HN-OSSO (centres.box_public)"),
        ("UPDATE recovery_wraps SET wrapped = (SELECT wrapped FROM recovery_wraps WHERE key_id = 'centre.CT-HN.v1') WHERE key_id = 'centre.HN-OSSO.v1'",
         "recovery centre.HN-OSSO.v1"),
        ("UPDATE users SET box_public = randomblob(32) WHERE name = 'quantri'", "user quantri"),
    ])
    func editsMadeBeforeTheUpgradeAreRefused(edit: String, named: String) throws {
        let old = try OldDatabase()
        defer { old.cleanUp() }
        try old.edit(edit)
        let store = try old.open()
        do {
            _ = try store.certifyDeployment(admin: "quantri", passphrase: Self.passphrase("quantri"), recovery: old.recovery, policy: Policy.load(from: Fixture.policyDirectory))
            Issue.record("certified a file edited with: \(edit)")
        } catch let error as CaunoiError {
            switch error {
            case .integrityFailure(let record): #expect(record == named)
            case .wrongRecoveryKey: #expect(named == "wrong recovery key")
            default: Issue.record("unexpected \(error)")
            }
        }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM certificates") } == 0)
    }

    /// A user's public keys swapped before the upgrade cannot be checked by the admin (only her
    /// keyslot knows them) and are certified as listed, but she is refused at her first unlock,
    /// so the swap is found at once (docs/SECURITY.md, "Upgrading").
    @Test func aUserSwappedBeforeTheUpgradeIsCaughtAtHerUnlock() throws {
        let old = try OldDatabase()
        defer { old.cleanUp() }
        // The editor replaces the counsellor's public keys with their own before the upgrade.
        try old.edit("UPDATE users SET box_public = ?, sign_public = ? WHERE name = 'thuy'",
                     [BoxKeyPair.generate().publicKey.blob, SigningKeyPair.generate().publicKey.blob])
        let store = try old.open()
        _ = try store.certifyDeployment(admin: "quantri", passphrase: Self.passphrase("quantri"), recovery: old.recovery, policy: Policy.load(from: Fixture.policyDirectory))
        // Her keyslot's keys are not the certified ones: refused, naming her certificate.
        #expect(throws: CaunoiError.integrityFailure(record: "certificate of user thuy")) { _ = try Self.unlock(store, "thuy") }
    }
}
