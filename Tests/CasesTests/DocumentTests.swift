import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// Her documents (issue 15): the checklist, and files encrypted with crypto_secretstream under
/// her data key, inside the database, so that erasure and backups cover them.
@Suite struct DocumentTests {
    /// An invented scan: recognisable bytes, and a marker no ciphertext could hold by chance.
    static let judgment = SecureBytes(copying: Array("%PDF-1.7 Bản án ly hôn số 123/2024 — Toà án Busan — Nguyễn Thị Hoà".utf8)
                                      + [UInt8](repeating: 0x42, count: 200_000))

    @Test func aFileIsStoredEncryptedAndReadBackByHerCentre() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà")
        let hoa = try f.session("hoa")
        try f.store.setDocument(hoa, policy: f.policy, caseID: opened.id, document: "foreign-divorce-judgment", status: .needs)
        try f.store.setDocument(hoa, policy: f.policy, caseID: opened.id, document: "passport", status: .holds)
        let id = try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: Self.judgment,
                                           title: PersonalText("ban-an-ly-hon-hoa.pdf"), mediaType: "application/pdf; name=x",
                                           document: "foreign-divorce-judgment")
        try f.store.setDocument(hoa, policy: f.policy, caseID: opened.id, document: "foreign-divorce-judgment", status: .holds)
        let view = try f.store.showCase(hoa, id: opened.id)
        #expect(view.documents.map(\.document) == ["foreign-divorce-judgment", "passport"] && view.documents.allSatisfy { $0.status == .holds })
        let listed = try #require(view.attachments.first)
        #expect(listed.id == id && listed.title?.revealed == "ban-an-ly-hon-hoa.pdf" && listed.mediaType == "application/pdf")
        #expect(listed.bytes == Self.judgment.count && listed.document == "foreign-divorce-judgment")
        let file = try f.store.attachment(hoa, caseID: opened.id, id: id)
        #expect(file.contents.bytes == Self.judgment.bytes)
        // Nothing of the file or its name is in the database or its WAL in the clear.
        let bytes = try f.fileBytes()
        #expect(!bytes.contains(ArraySlice(Array("Bản án ly hôn".utf8))) && !bytes.contains(ArraySlice(Array("ban-an-ly-hon".utf8))))
        #expect(try f.store.auditLog(f.session("root")).contains { $0.action == "case.attachment.read" && $0.record == opened.id })
        // Taken off the checklist.
        try f.store.setDocument(hoa, policy: f.policy, caseID: opened.id, document: "passport", status: nil)
        #expect(try f.store.showCase(hoa, id: opened.id).documents.map(\.document) == ["foreign-divorce-judgment"])
    }

    @Test func oversizedEmptyOrForeignFilesAndCodesAreRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà")
        let hoa = try f.session("hoa")
        let limit = f.policy.casework.attachmentMaxBytes
        #expect(limit == 10 << 20)
        #expect(throws: CaunoiError.fileTooLarge(limitMegabytes: 10)) {
            try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: SecureBytes(count: limit + 1) { _ in },
                                      title: nil, mediaType: nil, document: nil)
        }
        #expect(throws: CaunoiError.missing(.file)) {
            try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: SecureBytes(count: 0) { _ in }, title: nil,
                                      mediaType: nil, document: nil)
        }
        #expect(throws: CaunoiError.unknownCode(list: "document", code: "diploma")) {
            try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: Self.judgment, title: nil, mediaType: nil, document: "diploma")
        }
        #expect(throws: CaunoiError.unknownCode(list: "document", code: "diploma")) {
            try f.store.setDocument(hoa, policy: f.policy, caseID: opened.id, document: "diploma", status: .needs)
        }
        #expect(throws: CaunoiError.notYourCentre) {
            try f.store.addAttachment(f.session("mai"), policy: f.policy, caseID: opened.id, contents: Self.judgment, title: nil, mediaType: nil,
                                      document: nil)
        }
        let id = try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: Self.judgment, title: nil, mediaType: "<script>",
                                           document: nil)
        #expect(try f.store.showCase(hoa, id: opened.id).attachments.first?.mediaType == "application/octet-stream")
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.attachment(f.session("mai"), caseID: opened.id, id: id) }
        #expect(throws: CaunoiError.attachmentNotFound("G-NOSUCHFILE00")) { _ = try f.store.attachment(hoa, caseID: opened.id, id: "G-NOSUCHFILE00") }
        // Another case's file is not reached through this one.
        let other = try f.open("Lê Thị Khác")
        #expect(throws: CaunoiError.attachmentNotFound(id)) { _ = try f.store.attachment(hoa, caseID: other.id, id: id) }
    }

    @Test func aSwappedOrDamagedFileIsAnIntegrityFailure() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà")
        let hoa = try f.session("hoa")
        let first = try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: Self.judgment, title: nil, mediaType: nil, document: nil)
        let second = try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: SecureBytes(utf8: "a second file"), title: nil,
                                               mediaType: nil, document: nil)
        // The second file's ciphertext put in place of the first: the seal's hash no longer matches.
        try f.tamper("UPDATE attachment_contents SET content = (SELECT content FROM attachment_contents WHERE attachment_id = ?) WHERE attachment_id = ?",
                     [second, first])
        #expect(throws: CaunoiError.integrityFailure(record: "\(first) (attachments)")) { _ = try f.store.attachment(hoa, caseID: opened.id, id: first) }
        // Its hash changed to match as well: the case seal, which covers the hash, fails.
        try f.tamper("UPDATE attachments SET content_hash = (SELECT content_hash FROM attachments WHERE id = ?) WHERE id = ?", [second, first])
        #expect(throws: CaunoiError.integrityFailure(record: "\(opened.id) (cases.seal)")) { _ = try f.store.attachment(hoa, caseID: opened.id, id: first) }
    }

    @Test func erasureLeavesNoByteOfHerFilesAndBackupsRestoreThem() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà")
        let hoa = try f.session("hoa")
        let id = try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: Self.judgment,
                                           title: PersonalText("ban-an.pdf"), mediaType: "application/pdf", document: "foreign-divorce-judgment")
        let stored = try f.raw { db in
            try Row.fetchAll(db, sql: "SELECT content AS v FROM attachment_contents UNION ALL SELECT title FROM attachments UNION ALL SELECT media_type FROM attachments")
                .compactMap { ($0["v"] as Data?).map { [UInt8]($0) } }
        }
        #expect(stored.count == 3)
        // A backup taken now restores the file.
        let backup = f.directory.appendingPathComponent("before.cnb").path
        _ = try f.store.createBackup(f.session("root"), to: backup)
        let restoredPath = f.directory.appendingPathComponent("restored.db").path
        _ = try CaseStore.restoreBackup(file: backup, into: restoredPath, recovery: f.recovery, ledger: .live(path: f.store.path), user: "root",
                                        passphrase: { Fixture.passphrase("root") })
        let restored = try CaseStore.open(path: restoredPath)
        let copy = try restored.attachment(restored.unlock(user: "hoa", passphrase: Fixture.passphrase("hoa")), caseID: opened.id, id: id)
        #expect(copy.contents.bytes == Self.judgment.bytes)

        _ = try f.store.eraseSubject(f.session("lan"), id: opened.id, confirm: opened.id)
        let bytes = try f.fileBytes()
        // Every 8 KiB stretch of her file's ciphertext (it spans many overflow pages), its title and type.
        for blob in stored {
            for start in stride(from: 0, to: blob.count, by: 8192) {
                #expect(!bytes.contains(blob[start..<min(start + 48, blob.count)]), "bytes of her file at \(start) are still in the file")
            }
        }
        let contents = try f.raw { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM attachment_contents") }
        #expect(contents == 0)
        let erased = try f.store.showCase(f.session("hoa"), id: opened.id)
        #expect(erased.attachments.first?.title == nil && erased.attachments.first?.bytes == Self.judgment.count)
        #expect(throws: CaunoiError.self) { _ = try f.store.attachment(f.session("hoa"), caseID: opened.id, id: id) }
    }

    @Test func herSubjectExportHoldsHerFiles() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà")
        let hoa = try f.session("hoa")
        try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: SecureBytes(utf8: "Giấy khai sinh của bé (bản dịch)"),
                                  title: PersonalText("khai-sinh.txt"), mediaType: "text/plain", document: "child-foreign-birth-certificate")
        var exported: SubjectRecord?
        try f.store.exportSubject(hoa, id: opened.id) { exported = $0 }
        let record = try #require(exported)
        #expect(record.cases.first?.files.first?.contents.utf8String == "Giấy khai sinh của bé (bản dịch)")
        let encoded = Data("Giấy khai sinh của bé (bản dịch)".utf8).base64EncodedString()
        #expect(record.cases.first?.files.first?.base64 == encoded)
    }
}
