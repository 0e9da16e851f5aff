import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

@Suite struct KeyTests {
    @Test func wrongPassphraseAndUnknownUserGiveTheSameAnswer() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        #expect(expectError(.wrongPassphrase) { _ = try f.store.unlock(user: "lan", passphrase: SecureBytes(utf8: "not it")) })
        #expect(expectError(.wrongPassphrase) { _ = try f.store.unlock(user: "nobody", passphrase: SecureBytes(utf8: "not it")) })
    }

    @Test func rolesReceiveTheKeysTheyNeedAndNoMore() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        #expect(try Set(f.session("lan").keys.keys) == [.ownBox, .ownSigning, .trustRoot, .centreIndex("HN-OSSO"), .centre("HN-OSSO", version: 1)])
        #expect(try Set(f.session("hoa").keys.keys) == [.ownBox, .ownSigning, .trustRoot, .centreIndex("HN-OSSO"), .centre("HN-OSSO", version: 1)])
        #expect(try Set(f.session("trung").keys.keys) == [.ownBox, .ownSigning, .trustRoot, .centralReview])
        #expect(try Set(f.session("thu").keys.keys) == [.ownBox, .ownSigning, .trustRoot])
        #expect(try Set(f.session("root").keys.keys) == [.ownBox, .ownSigning, .trustRoot])
    }

    @Test func grantsAreFoldedAtNextUnlockAndThenDeleted() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let admin = try f.session("root")
        let change = try f.store.addUser(admin, name: "kim", role: .central, centre: nil, passphrase: Fixture.passphrase("kim"),
                                         security: Fixture.security, recovery: nil)
        #expect(change.granted.isEmpty)
        #expect(change.missing.sorted() == ["central.v1"])
        _ = try f.store.grantAccess(f.session("trung"), to: "kim", recovery: nil)
        #expect(try f.store.users(admin).first { $0.name == "kim" }?.pendingGrants == 1)
        #expect(try Set(f.session("kim").keys.keys).contains(.centralReview))
        #expect(try f.store.users(admin).first { $0.name == "kim" }?.pendingGrants == 0)
        #expect(try Set(f.session("kim").keys.keys).contains(.centralReview))
    }

    @Test func managersManageOnlyTheirOwnCentre() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let lan = try f.session("lan")
        #expect(expectError(.notYourCentre) {
            _ = try f.store.addUser(lan, name: "x", role: .counsellor, centre: "CT-MC", passphrase: Fixture.passphrase("x"),
                                    security: Fixture.security, recovery: nil)
        })
        #expect(expectError(.roleNotAllowed(role: "manager")) {
            _ = try f.store.addUser(lan, name: "x", role: .statistician, centre: nil, passphrase: Fixture.passphrase("x"),
                                    security: Fixture.security, recovery: nil)
        })
        #expect(expectError(.roleNotAllowed(role: "counsellor")) {
            _ = try f.store.addCentre(f.session("hoa"), code: "X-1", name: "X", province: "01", kind: .osso)
        })
    }

    @Test func aWrongRecoveryKeyIsRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let other = try RecoveryKey.parse(SecureBytes(utf8: String(repeating: "ab", count: 32)))
        #expect(expectError(.wrongRecoveryKey) {
            _ = try f.store.addUser(f.session("root"), name: "x", role: .manager, centre: "HN-OSSO",
                                    passphrase: Fixture.passphrase("x"), security: Fixture.security, recovery: other)
        })
    }

    @Test func recoveryKeyTextRoundTrips() throws {
        let key = RecoveryKey.generate()
        let parsed = try RecoveryKey.parse(key.text)
        #expect(parsed.keyPair.publicKey == key.keyPair.publicKey)
        #expect(throws: CaunoiError.self) { _ = try RecoveryKey.parse(SecureBytes(utf8: "caunoi-recovery-1 1234")) }
    }

    @Test func passphraseChangeKeepsKeysAndRemovalEndsAccess() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        // The length rule is the core's (issue 13: it lived in the CLI): 11 letters are refused,
        // diacritics counted once each; a refused change leaves the old passphrase working.
        #expect(throws: CaunoiError.weakPassphrase) {
            try f.store.changePassphrase(f.session("hoa"), to: SecureBytes(utf8: "mật khẩu ng"), security: Fixture.security)
        }
        #expect(throws: CaunoiError.weakPassphrase) {
            _ = try f.store.addUser(f.session("lan"), name: "tan", role: .counsellor, centre: "HN-OSSO", passphrase: SecureBytes(utf8: "short"),
                                    security: Fixture.security, recovery: nil)
        }
        _ = try f.session("hoa")
        try f.store.changePassphrase(f.session("hoa"), to: SecureBytes(utf8: "a brand new passphrase"), security: Fixture.security)
        #expect(expectError(.wrongPassphrase) { _ = try f.session("hoa") })
        let renewed = try f.store.unlock(user: "hoa", passphrase: SecureBytes(utf8: "a brand new passphrase"))
        #expect(renewed.keys[.centre("HN-OSSO", version: 1)] != nil)
        try f.store.removeUser(f.session("lan"), name: "hoa")
        // A removed account answers exactly like a wrong passphrase.
        #expect(expectError(.wrongPassphrase) { _ = try f.store.unlock(user: "hoa", passphrase: SecureBytes(utf8: "a brand new passphrase")) })
        let keyslots = try f.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM keyslots WHERE user = 'hoa'") }
        #expect(keyslots == 0)
    }

    @Test func keyBundleRoundTripsAndRejectsGarbage() throws {
        var bundle = KeyBundle()
        bundle.keys[.index] = SecureBytes.random(count: 32)
        bundle.keys[.centre("HN-OSSO", version: 3)] = SecureBytes.random(count: 32)
        let decoded = try KeyBundle.decode(bundle.encoded())
        #expect(decoded.keys[.index] == bundle.keys[.index])
        #expect(decoded.keys[.centre("HN-OSSO", version: 3)] == bundle.keys[.centre("HN-OSSO", version: 3)])
        #expect(throws: CaunoiError.self) { _ = try KeyBundle.decode(SecureBytes(copying: [0, 9, 1])) }
    }
}
