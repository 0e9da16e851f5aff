import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases
import Views

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

    @Test func controlAndDirectionCharactersAreRefusedAndNeutralised() throws {
        #expect(ControlCharacters.neutralised("Thị \u{1B}[31mĐỏ\u{202E}x\ny") == "Thị \u{FFFD}[31mĐỏ\u{FFFD}x\ny")
        #expect(ControlCharacters.neutralised("Nguyễn Thị Hoà") == "Nguyễn Thị Hoà")
        for bad in ["a\u{0}b", "a\u{7F}", "a\u{85}", "a\u{2066}b", "tab\there"] {
            #expect(!ControlCharacters.isClean(PersonalText(bad), allowNewline: true))
        }
        #expect(ControlCharacters.isClean(PersonalText("dòng một\ndòng hai"), allowNewline: true))
        #expect(!ControlCharacters.isClean(PersonalText("dòng một\ndòng hai"), allowNewline: false))
        // Through the domain: refused at sealing, naming the field, nothing written.
        let f = try Fixture()
        defer { f.cleanUp() }
        #expect(throws: CaunoiError.forbiddenCharacters(field: "persons.name")) { _ = try f.open("Thị \u{202E}Lộn") }
        let opened = try f.open("Thị Bình Thường")
        #expect(throws: CaunoiError.forbiddenCharacters(field: "notes.body")) {
            try f.store.addNote(f.session("hoa"), caseID: opened.id, text: PersonalText("ghi chú \u{1B}]0;tiêu đề\u{7}"))
        }
        #expect(try f.store.showCase(f.session("hoa"), id: opened.id).notes.isEmpty)
    }
}

/// A commit refused at the last moment, as a full disk or a lost lock would refuse it: every
/// change made in the transaction is rolled back.
private final class CommitVeto: TransactionObserver {
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseWillCommit() throws { throw CaunoiError.diskFull }
    func databaseDidCommit(_ db: Database) {}
    func databaseDidRollback(_ db: Database) {}
}

@Suite struct SubjectExportFileTests {
    /// Issue 12: the decrypted file exists exactly when its audit entry does.
    @Test func aFileWhoseAuditEntryDoesNotCommitIsRemoved() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Thị Xuất Hồ Sơ")
        let lan = try f.session("lan")
        let path = f.directory.appendingPathComponent("her-record.json").path
        let veto = CommitVeto()
        f.store.writer.add(transactionObserver: veto, extent: .nextTransaction)
        #expect(throws: CaunoiError.diskFull) { try f.store.exportSubject(lan, id: opened.id, to: path) { $0.json.pretty } }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try !f.store.auditLog(f.session("root")).contains { $0.action == "subject.export" })
        // And when the entry commits, the file is there.
        let person = try f.store.exportSubject(lan, id: opened.id, to: path) { $0.json.pretty }
        #expect(person == opened.person && FileManager.default.fileExists(atPath: path))
        #expect(try f.store.auditLog(f.session("root")).filter { $0.action == "subject.export" }.count == 1)
    }
}
