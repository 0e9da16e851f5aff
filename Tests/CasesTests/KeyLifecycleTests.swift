import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// Key rotation and recovery (issue 5): a removed user's keyslot, copied aside before her
/// removal and put back behind caunoi's back, opens nothing created or re-wrapped after the
/// rotation; `keys recover` gives access again from the recovery key alone.
@Suite struct KeyLifecycleTests {
    /// Puts a saved keyslot row back, marks its user active again and deletes her signed
    /// revocation, as an attacker with write access to the file would. (Without deleting the
    /// revocation she is refused at unlock already: see `aPutBackKeyslotOfARemovedUserIsRefused`.)
    private func reinstate(_ f: Fixture, _ slot: Row) throws {
        try f.tamper("DROP TRIGGER IF EXISTS certificates_no_delete")
        try f.tamper("""
            DELETE FROM certificates WHERE kind = 'revocation' AND subject IN (SELECT serial FROM certificates WHERE kind = 'user' AND subject = ?)
            """, [slot["user"] as String])
        try f.tamper("UPDATE users SET status = 'active' WHERE name = ?", [slot["user"] as String])
        try f.tamper("INSERT INTO keyslots (user, algorithm, opslimit, memlimit, salt, sealed, updated_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     StatementArguments(Array(slot.databaseValues)))
    }

    @Test func aPutBackKeyslotOfARemovedUserIsRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let slot = try f.raw { db in
            try #require(try Row.fetchOne(db, sql: "SELECT user, algorithm, opslimit, memlimit, salt, sealed, updated_on FROM keyslots WHERE user = 'hoa'"))
        }
        try f.store.removeUser(f.session("lan"), name: "hoa")
        try f.tamper("INSERT INTO keyslots (user, algorithm, opslimit, memlimit, salt, sealed, updated_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     StatementArguments(Array(slot.databaseValues)))
        // Her certificate is revoked: the same answer as a wrong passphrase.
        #expect(throws: CaunoiError.wrongPassphrase) { _ = try f.session("hoa") }
        // Listed as active again without a certificate in force: the edit is named.
        try f.tamper("UPDATE users SET status = 'active' WHERE name = 'hoa'")
        #expect(throws: CaunoiError.integrityFailure(record: "user hoa")) { _ = try f.session("hoa") }
    }

    @Test func aCopiedAsideKeyslotOpensNothingAfterRotation() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let old = try f.open("Vũ Thị Trước Khi Xoay")
        let slot = try f.raw { db in
            try #require(try Row.fetchOne(db, sql: "SELECT user, algorithm, opslimit, memlimit, salt, sealed, updated_on FROM keyslots WHERE user = 'hoa'"))
        }
        try f.store.removeUser(f.session("lan"), name: "hoa")

        // Control: without a rotation the copied slot still opens her old cases.
        try reinstate(f, slot)
        #expect(try f.store.showCase(f.session("hoa"), id: old.id).person.name?.revealed == "Vũ Thị Trước Khi Xoay")
        try f.store.removeUser(f.session("lan"), name: "hoa")

        let rotation = try f.store.rotateCentreKey(f.session("lan"), centre: "HN-OSSO", recovery: nil)
        #expect(rotation.version == 2 && rotation.rewrapped == 1 && rotation.grantedTo == ["lan"])
        let new = try f.open("Vũ Thị Sau Khi Xoay", as: "lan")
        let versions = try f.raw { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM persons WHERE centre = 'HN-OSSO' AND centre_key_version <> 2"),
             try Int.fetchOne(db, sql: "SELECT key_version FROM centres WHERE code = 'HN-OSSO'"))
        }
        #expect(versions.0 == 0 && versions.1 == 2)
        try reinstate(f, slot)
        let intruder = try f.session("hoa")
        #expect(throws: CaunoiError.keysMissing) { _ = try f.store.showCase(intruder, id: old.id) }
        #expect(throws: CaunoiError.keysMissing) { _ = try f.store.showCase(intruder, id: new.id) }
        #expect(try f.store.findCases(intruder, policy: f.policy, query: .name("Vũ Thị Sau Khi Xoay")).isEmpty)

        // The centre's staff keep working; the other centre is untouched.
        let lan = try f.session("lan")
        #expect(try f.store.showCase(lan, id: old.id).person.name?.revealed == "Vũ Thị Trước Khi Xoay")
        #expect(try f.store.showCase(lan, id: new.id).person.name?.revealed == "Vũ Thị Sau Khi Xoay")
        let elsewhere = try f.open("Lý Thị Cần Thơ", as: "mai")
        #expect(try f.store.showCase(f.session("mai"), id: elsewhere.id).person.name != nil)
        // And `audit verify` names the account whose revocation was deleted behind caunoi's back.
        #expect(throws: CaunoiError.integrityFailure(record: "user hoa (revocation)")) { _ = try f.store.verifyAudit(f.session("root")) }
    }

    @Test func returnReasonsFollowTheCentreKeyAndTheRecoveryKeyCanRotate() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let referral = try makeReferral(f, risk: .high)
        _ = try f.store.returnReferral(f.session("trung"), id: referral.id, reason: PersonalText("Cần thêm giấy tờ"))
        let reason = { try f.store.showReferral(f.session("hoa"), id: referral.id).events.compactMap(\.reason?.revealed) }
        #expect(try reason() == ["Cần thêm giấy tờ"])

        #expect(throws: CaunoiError.missing(.recoveryKey)) {
            _ = try f.store.rotateCentreKey(f.session("root"), centre: "HN-OSSO", recovery: nil)
        }
        #expect(throws: CaunoiError.roleNotAllowed(role: "counsellor")) {
            _ = try f.store.rotateCentreKey(f.session("hoa"), centre: "HN-OSSO", recovery: nil)
        }
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.rotateCentreKey(f.session("mai"), centre: "HN-OSSO", recovery: nil) }
        let rotation = try f.store.rotateCentreKey(f.session("root"), centre: "HN-OSSO", recovery: f.recovery)
        #expect(rotation.grantedTo == ["hoa", "lan"])
        #expect(try reason() == ["Cần thêm giấy tờ"])
        _ = try f.store.rotateCentreKey(f.session("lan"), centre: "HN-OSSO", recovery: nil)
        #expect(try reason() == ["Cần thêm giấy tờ"])
        #expect(try f.store.showCase(f.session("hoa"), id: referral.caseID).person.name?.revealed == "Nguyễn Thị Hoà")
        // A new user gets the current key from the recovery key.
        _ = try f.store.addUser(f.session("root"), name: "moi", role: .counsellor, centre: "HN-OSSO", passphrase: Fixture.passphrase("moi"),
                                security: Fixture.security, recovery: f.recovery)
        #expect(try f.store.showCase(f.session("moi"), id: referral.caseID).person.name != nil)
    }

    @Test func recoveryGivesANewKeyslotFromTheRecoveryKeyAlone() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Đinh Thị Quên Mật Khẩu")
        let fresh = SecureBytes(utf8: "a brand new passphrase")
        let change = try f.store.recoverAccess(user: "hoa", recovery: f.recovery, passphrase: fresh, security: Fixture.security)
        #expect(change.granted == ["centre.HN-OSSO.v1", "index.HN-OSSO"] && change.missing.isEmpty)
        #expect(throws: CaunoiError.wrongPassphrase) { _ = try f.session("hoa") }
        let hoa = try f.store.unlock(user: "hoa", passphrase: fresh)
        #expect(try f.store.showCase(hoa, id: opened.id).person.name?.revealed == "Đinh Thị Quên Mật Khẩu")
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .name("dinh thi quen mat khau")).map(\.id) == [opened.id])

        // Her entries signed with the old key still verify; the recovery is recorded and signed.
        #expect(try f.store.verifyAudit(f.session("root")) > 0)
        #expect(try f.store.auditLog(f.session("root")).contains { $0.action == "keys.recover" && $0.user == "hoa" })

        // A central officer gets the central key back (she searches nothing: no index key); an admin none.
        #expect(try f.store.recoverAccess(user: "trung", recovery: f.recovery, passphrase: fresh, security: Fixture.security).granted
                == ["central.v1"])
        #expect(try f.store.recoverAccess(user: "thu", recovery: f.recovery, passphrase: fresh, security: Fixture.security).granted.isEmpty)

        let other = try RecoveryKey.parse(SecureBytes(utf8: String(repeating: "ab", count: 32)))
        #expect(throws: CaunoiError.wrongRecoveryKey) {
            _ = try f.store.recoverAccess(user: "lan", recovery: other, passphrase: fresh, security: Fixture.security)
        }
        try f.store.removeUser(f.session("lan"), name: "hoa")
        #expect(throws: CaunoiError.userRemoved("hoa")) {
            _ = try f.store.recoverAccess(user: "hoa", recovery: f.recovery, passphrase: fresh, security: Fixture.security)
        }
        #expect(throws: CaunoiError.userNotFound("nobody")) {
            _ = try f.store.recoverAccess(user: "nobody", recovery: f.recovery, passphrase: fresh, security: Fixture.security)
        }
    }
}
