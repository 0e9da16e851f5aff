import Crypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// Issue 12's smaller points in the domain: refused reads leave a trail, keyslot limits from
/// the file are checked before libsodium sees them.
@Suite struct RefusalAndFloorTests {
    @Test func aRefusedReadIsItselfAudited() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Thị Bị Dò Tìm")
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.showCase(f.session("mai"), id: opened.id) }
        #expect(throws: CaunoiError.roleNotAllowed(role: "statistician")) { _ = try f.store.showCase(f.session("thu"), id: opened.id) }
        let refused = try f.store.auditLog(f.session("root")).filter { $0.action == "case.read.refused" }
        #expect(refused.map(\.user) == ["mai", "thu"] && refused.allSatisfy { $0.record == opened.id })
        #expect(try f.store.verifyAudit(f.session("root")) > 0)
    }

    @Test func anAbsurdKeyslotLimitIsAnIntegrityFailureNotACrash() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        try f.tamper("UPDATE keyslots SET memlimit = 1099511627776 WHERE user = 'hoa'")
        #expect(throws: CaunoiError.integrityFailure(record: "keyslot of hoa")) { _ = try f.session("hoa") }
        // Unknown users still cost a plausible derivation, whatever the first keyslot says.
        try f.tamper("UPDATE keyslots SET opslimit = 4000000000")
        #expect(throws: CaunoiError.wrongPassphrase) { _ = try f.store.unlock(user: "nobody", passphrase: SecureBytes(utf8: "x")) }
    }
}
