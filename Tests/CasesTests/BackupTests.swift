import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// Encrypted backups (issue 5): nothing of the database in the clear, exact round trip,
/// damaged or altered files refused, and the erasure ledger applied before anything is
/// written. All names, numbers and notes are invented.
@Suite struct BackupTests {
    private static let ngoc = "Trần Thị Bích Ngọc"
    private static let ngocPhone = "0987650432"
    private static let ngocNote = "Về nước tháng chín, có một con trai nhỏ."
    private static let ngocSafeContact = "Chỉ gọi sau 18 giờ, xưng là chị họ"
    private static let duyen = "Phạm Thị Mỹ Duyên"
    private static let duyenPhone = "0903217654"
    private static let ly = "Đặng Thị Lý"
    private static let lyReason = "Chuyển chỗ ở theo đề nghị của khách hàng"
    private static let invented = [ngoc, ngocPhone, ngocNote, ngocSafeContact, duyen, duyenPhone, ly, lyReason, "C7654321", "Kim Ngọc"]

    /// A deployment with varied work in both centres: every field type, notes, a closed case.
    private func worked() throws -> (Fixture, [String]) {
        let f = try Fixture()
        let ngoc = try f.open(Self.ngoc, phone: Self.ngocPhone, passport: "C7654321") {
            $0.person.otherNames = [PersonalText("Kim Ngọc")]
            $0.person.dateOfBirth = PersonalText("1991-09-14")
            $0.person.address = PersonalText("Số 47 ngõ Thử Nghiệm")
            $0.destination = "kr"
            $0.migration = "marriage"
            $0.needs = ["shelter", "divorce-recognition"]
            $0.risk = .high
            $0.safeContact = PersonalText(Self.ngocSafeContact)
            $0.note = PersonalText(Self.ngocNote)
        }
        try f.store.addNote(f.session("hoa"), caseID: ngoc.id, text: PersonalText("Ghi chú thứ hai"))
        try f.store.addContact(f.session("hoa"), policy: f.policy, caseID: ngoc.id, contact: ContactRecord(
            day: Now.vietnamToday(), kind: "home-visit", time: "00:00", minutes: 50, summary: PersonalText("Thăm nhà chị Ngọc")))
        try f.store.addFollowUp(f.session("hoa"), caseID: ngoc.id, due: Now.vietnamToday(), assignTo: nil, reason: PersonalText("Gọi lại chị Ngọc"))
        let duyen = try f.open(Self.duyen, phone: Self.duyenPhone)
        let ly = try f.open(Self.ly, as: "mai") { $0.person.birthYear = 1988 }
        try f.store.close(f.session("mai"), policy: f.policy, caseID: ly.id, outcome: "withdrew", reason: PersonalText(Self.lyReason))
        return (f, [ngoc.id, duyen.id, ly.id])
    }

    private func backup(_ f: Fixture, _ name: String = "backup.cnb") throws -> (String, BackupSummary) {
        let path = f.directory.appendingPathComponent(name).path
        return (path, try f.store.createBackup(f.session("root"), to: path))
    }

    private func restore(_ f: Fixture, _ file: String, into name: String = "restored.db", ledger: RestoreLedger? = nil,
                         recovery: RecoveryKey? = nil, user: String = "root", passphrase: SecureBytes? = nil) throws -> (String, RestoreSummary) {
        let path = f.directory.appendingPathComponent(name).path
        let summary = try CaseStore.restoreBackup(file: file, into: path, recovery: recovery ?? f.recovery, ledger: ledger ?? .live(path: f.store.path),
                                                  user: user, passphrase: { passphrase ?? Fixture.passphrase(user) })
        return (path, summary)
    }

    /// Every field of a shown case, as lines (decrypted values included).
    private func flattened(_ view: CaseView) -> [String] {
        let p = view.person
        var lines = ["summary \(view.summary)", "erasure \(String(describing: view.erasure))",
                     "name \(p.name?.revealed ?? "-")", "other \(p.otherNames.map(\.revealed))", "dob \(p.dateOfBirth?.revealed ?? "-")",
                     "year \(p.birthYear.map(String.init) ?? "-")", "phones \(p.phones.map(\.revealed))", "email \(p.email?.revealed ?? "-")",
                     "id \(p.idNumber?.revealed ?? "-")", "passport \(p.passport?.revealed ?? "-")", "address \(p.address?.revealed ?? "-")",
                     "safe \(view.safeContact?.revealed ?? "-")"]
        lines += view.notes.map { "note \($0.id) \($0.author) \($0.createdOn) \($0.text.revealed)" }
        lines += view.contacts.map { "contact \($0.id) \($0.day) \($0.time?.revealed ?? "-") \($0.kind) \($0.minutes ?? 0) \($0.summary?.revealed ?? "-")" }
        lines += view.followUps.map { "follow-up \($0.followUp) \($0.note?.revealed ?? "-")" }
        lines += view.events.map { "event \($0.on) \($0.by) \($0.kind) \($0.from ?? "-") \($0.to ?? "-") \($0.detail ?? "-") \($0.reason?.revealed ?? "-")" }
        return lines
    }

    private func reader(_ id: String) -> String { id.hasPrefix("HN-OSSO") ? "hoa" : "mai" }

    private func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func restoreRoundTripsEveryCaseAndTheAuditTrail() throws {
        let (f, ids) = try worked()
        defer { f.cleanUp() }
        let (file, created) = try backup(f)
        #expect(created.cases == 3 && created.erasures == 0 && created.backup.hasPrefix("B-"))
        let (path, summary) = try restore(f, file)
        #expect(summary.backup == created.backup && summary.cases == 3 && summary.erased.isEmpty && summary.ledger)
        let restored = try CaseStore.open(path: path)
        for id in ids {
            let original = try f.store.showCase(f.session(reader(id)), id: id)
            let copy = try restored.showCase(restored.unlock(user: reader(id), passphrase: Fixture.passphrase(reader(id))), id: id)
            #expect(flattened(copy) == flattened(original), "case \(id)")
            #expect(!copy.notes.isEmpty || id != ids[0])
            #expect(copy.contacts.first?.summary?.revealed == "Thăm nhà chị Ngọc" || id != ids[0])
        }
        #expect(try restored.verifyAudit(restored.unlock(user: "root", passphrase: Fixture.passphrase("root"))) > 0)
        let restoredLog = try restored.auditLog(restored.unlock(user: "root", passphrase: Fixture.passphrase("root")))
        #expect(restoredLog.contains { $0.action == "backup.restore" && $0.record == created.backup && $0.user == "root" })
        let liveLog = try f.store.auditLog(f.session("root"))
        #expect(liveLog.contains { $0.action == "backup.create" && $0.record == created.backup })
    }

    @Test func theHeaderRepeatsTheSnapshotsFactsAndTheImageIsARollbackDatabase() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let root = try f.session("root")
        let headBefore = try f.store.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_log") }
        let file = f.directory.appendingPathComponent("backup.cnb").path
        let created = try f.store.createBackup(root, to: file)
        let parts = try BackupFile.parse(bytes(file))
        #expect(parts.header.backup == created.backup && parts.header.createdBy == "root")
        #expect(parts.header.facts.cases == 3 && parts.header.facts.auditHeadSeq == headBefore)
        #expect(parts.header.facts.recoveryPublic == f.recovery.keyPair.publicKey)
        let (image, _, _) = try BackupFile.open(parts, recovery: f.recovery)
        let prefix = image.subrange(0..<20).bytes
        #expect(Array(prefix[0..<16]) == Array("SQLite format 3\0".utf8))
        #expect(prefix[18] == 1 && prefix[19] == 1)  // not WAL: an in-memory image must not claim a -wal
    }

    @Test func aBackupHoldsNothingOfTheDatabaseInTheClear() throws {
        let (f, ids) = try worked()
        defer { f.cleanUp() }
        let (file, _) = try backup(f)
        let data = Data(try bytes(file))
        for value in Self.invented {
            for form in [value.precomposedStringWithCanonicalMapping, value.decomposedStringWithCanonicalMapping, value.lowercased()] {
                #expect(data.range(of: Data(form.utf8)) == nil, "an invented value is in the backup")
            }
        }
        #expect(data.range(of: Data("SQLite format 3".utf8)) == nil)
        // Plain columns of the database (case ids, codes, staff handles of notes) and its
        // ciphertexts are not there either: the whole image is encrypted.
        for id in ids { #expect(data.range(of: Data(id.utf8)) == nil) }
        for code in ["divorce-recognition", "CREATE TABLE", "withdrew"] { #expect(data.range(of: Data(code.utf8)) == nil) }
        let blobs = try f.store.read { db in try Data.fetchAll(db, sql: "SELECT name FROM persons") }
        #expect(blobs.count == 3)
        for blob in blobs { #expect(data.range(of: blob) == nil) }
    }

    /// Header bytes, sealed-key bytes and stream bytes of a file (offsets into it).
    private func layout(_ file: [UInt8]) -> (header: Range<Int>, sealedKey: Range<Int>, stream: Range<Int>) {
        func length(at i: Int) -> Int { file[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        let h = BackupFile.magic.count + 4
        let headerEnd = h + length(at: h - 4)
        let k = headerEnd + 4
        let keyEnd = k + length(at: headerEnd)
        return (h..<headerEnd, k..<keyEnd, keyEnd..<file.count)
    }

    private func expectUnreadable(_ f: Fixture, _ damaged: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = f.directory.appendingPathComponent("damaged.cnb").path
        try? FileManager.default.removeItem(atPath: file)
        try Data(damaged).write(to: URL(fileURLWithPath: file))
        var thrown: CaunoiError?
        do { _ = try restore(f, file) } catch let error as CaunoiError { thrown = error }
        #expect(thrown == .backupUnreadable, "\(label): \(String(describing: thrown))", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("restored.db").path), "\(label)",
                sourceLocation: sourceLocation)
    }

    @Test func truncatedAlteredOrForeignFilesAreUnreadableAndNothingIsWritten() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let (file, _) = try backup(f)
        let original = try bytes(file)
        let parts = layout(original)
        for cut in [0, 5, BackupFile.magic.count + 2, parts.header.upperBound, parts.sealedKey.upperBound, parts.stream.lowerBound + 30,
                    original.count / 2, original.count - 1] {
            try expectUnreadable(f, Array(original.prefix(cut)), "cut at \(cut)")
        }
        // Every byte of the magic line, the header and the sealed key (length prefixes included).
        for index in 0..<parts.stream.lowerBound {
            var damaged = original
            damaged[index] ^= 0x01
            try expectUnreadable(f, damaged, "byte \(index) flipped")
        }
        // Spread over the stream: its header, first chunk length, middle, last byte.
        let stream = parts.stream
        for index in [stream.lowerBound, stream.lowerBound + 23, stream.lowerBound + 24, stream.lowerBound + 27, stream.lowerBound + 40,
                      stream.lowerBound + stream.count / 3, stream.lowerBound + stream.count / 2, original.count - 17, original.count - 1] {
            var damaged = original
            damaged[index] ^= 0x80
            try expectUnreadable(f, damaged, "stream byte \(index) flipped")
        }
        try expectUnreadable(f, original + [0], "a byte appended")
        try expectUnreadable(f, [], "empty file")
        try expectUnreadable(f, Random.bytes(4096), "random bytes")
        try expectUnreadable(f, try bytes(f.store.path), "a database file")
    }

    @Test func aWrongRecoveryKeyIsNamedAsSuch() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let (file, _) = try backup(f)
        let other = try Fixture()
        defer { other.cleanUp() }
        for key in [RecoveryKey.generate(), other.recovery] {
            #expect(expectError(.wrongRecoveryKey) { _ = try restore(f, file, recovery: key) })
        }
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("restored.db").path))
    }

    @Test func anErasureAfterTheBackupIsAppliedBeforeAnythingIsWritten() throws {
        let (f, ids) = try worked()
        defer { f.cleanUp() }
        let (person, nameBlob, dek, noteBlobs) = try f.store.read { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT p.id, p.name, p.wrapped_dek FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = ?
                """, arguments: [ids[0]]))
            let notes = try Data.fetchAll(db, sql: "SELECT body FROM notes WHERE case_id = ?", arguments: [ids[0]])
            return (row["id"] as String, row["name"] as Data, row["wrapped_dek"] as Data, notes)
        }
        let (file, _) = try backup(f)
        _ = try f.store.eraseSubject(f.session("lan"), id: ids[0], confirm: ids[0])

        let (path, summary) = try restore(f, file)
        #expect(summary.erased == [person])
        let written = Data(try bytes(path))
        for secret in [nameBlob, dek] + noteBlobs { #expect(written.range(of: secret) == nil, "her ciphertext reached the restored file") }

        let restored = try CaseStore.open(path: path)
        let hoa = try restored.unlock(user: "hoa", passphrase: Fixture.passphrase("hoa"))
        let view = try restored.showCase(hoa, id: ids[0])
        #expect(view.erasure?.basis == .ledger && view.person.name == nil && view.notes.isEmpty && view.safeContact == nil)
        #expect(view.summary.status == .closed && view.summary.outcome == "erased")
        #expect(try restored.findCases(hoa, policy: f.policy, query: .name(Self.ngoc)).isEmpty)
        #expect(try restored.findCases(hoa, policy: f.policy, query: .phone(Self.ngocPhone)).isEmpty)
        #expect(try restored.showCase(hoa, id: ids[1]).person.name?.revealed == Self.duyen)
        let log = try restored.auditLog(restored.unlock(user: "root", passphrase: Fixture.passphrase("root")))
        #expect(log.contains { $0.action == "subject.erase.ledger" && $0.record == person && $0.centre == "HN-OSSO" })
        #expect(log.contains { $0.action == "backup.restore" })
        #expect(try restored.verifyAudit(restored.unlock(user: "root", passphrase: Fixture.passphrase("root"))) > 0)

        // Restored again from the restored copy's ledger: she is not counted twice.
        let (_, again) = try restore(f, file, into: "again.db", ledger: .live(path: path))
        #expect(again.erased == [person])
    }

    @Test func withoutALedgerTheRestoreIsAudited() throws {
        let (f, ids) = try worked()
        defer { f.cleanUp() }
        let (file, created) = try backup(f)
        _ = try f.store.eraseSubject(f.session("lan"), id: ids[0], confirm: ids[0])
        let (path, summary) = try restore(f, file, ledger: RestoreLedger.none)
        #expect(summary.erased.isEmpty && !summary.ledger)
        let restored = try CaseStore.open(path: path)
        let log = try restored.auditLog(restored.unlock(user: "root", passphrase: Fixture.passphrase("root")))
        #expect(log.contains { $0.action == "backup.restore.no-ledger" && $0.record == created.backup && $0.user == "root" })
        #expect(!log.contains { $0.action == "backup.restore" })
        // Which is exactly why it must be asked for: without the ledger she is back.
        #expect(try restored.showCase(restored.unlock(user: "hoa", passphrase: Fixture.passphrase("hoa")), id: ids[0]).erasure == nil)
    }

    @Test func refusalsLeaveNothingBehind() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let (file, _) = try backup(f)
        let target = f.directory.appendingPathComponent("restored.db").path
        func nothingWritten() -> Bool { !FileManager.default.fileExists(atPath: target) }

        #expect(expectError(.cannotCreate(.output)) { _ = try backup(f) })
        #expect(expectError(.roleNotAllowed(role: "manager")) {
            _ = try f.store.createBackup(f.session("lan"), to: f.directory.appendingPathComponent("x.cnb").path)
        })
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("x.cnb").path))
        #expect(expectError(.fileNotFound(.backup)) { _ = try restore(f, file + ".missing") })
        #expect(expectError(.wrongPassphrase) { _ = try restore(f, file, passphrase: SecureBytes(utf8: "not the passphrase")) })
        #expect(nothingWritten())
        #expect(expectError(.roleNotAllowed(role: "manager")) { _ = try restore(f, file, user: "lan") })
        #expect(nothingWritten())
        #expect(expectError(.databaseNotFound("/nonexistent/live.db")) { _ = try restore(f, file, ledger: .live(path: "/nonexistent/live.db")) })
        let other = try Fixture()
        defer { other.cleanUp() }
        #expect(expectError(.deploymentMismatch) { _ = try restore(f, file, ledger: .live(path: other.store.path)) })
        #expect(nothingWritten())

        try Data("occupied".utf8).write(to: URL(fileURLWithPath: target))
        #expect(expectError(.cannotCreate(.database)) { _ = try restore(f, file) })
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "occupied")
    }

    @Test func theRestoreNeverChangesTheLiveDatabase() throws {
        let (f, ids) = try worked()
        defer { f.cleanUp() }
        let (file, _) = try backup(f)
        _ = try f.store.eraseSubject(f.session("lan"), id: ids[1], confirm: ids[1])
        try f.store.checkpoint()
        let before = try bytes(f.store.path)
        _ = try restore(f, file)
        #expect(try bytes(f.store.path) == before)
    }

    /// Anyone who knows the recovery public key (it is in the database in the clear) can build
    /// a well-formed backup of an image of their own, signed with a key they put in it. Since
    /// issue 12 the signing key must be certified under the root that the recovery key itself
    /// gives, so such a backup is refused with or without the live database.
    @Test func aForgedBackupIsRefusedWhenTheLiveDatabaseIsGiven() throws {
        let (f, _) = try worked()
        defer { f.cleanUp() }
        let forger = SigningKeyPair.generate()
        let memory = try Snapshot.copy(of: f.store.writer)
        try memory.write { db in
            try db.execute(sql: "INSERT INTO signing_keys (user, public, added_on) VALUES ('root', ?, '2026-01-01')", arguments: [Data(forger.publicKey)])
        }
        let facts = try memory.read(SnapshotFacts.read)
        let header = BackupHeader(backup: "B-FORGED", createdAt: AuditTrail.timestamp(), createdBy: "root", facts: facts)
        let file = f.directory.appendingPathComponent("forged.cnb").path
        try Data(try BackupFile.seal(image: Snapshot.image(of: memory), header: header, signer: forger)).write(to: URL(fileURLWithPath: file))

        #expect(expectError(.backupUnreadable) { _ = try restore(f, file) })
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("restored.db").path))
        #expect(expectError(.backupUnreadable) { _ = try restore(f, file, ledger: RestoreLedger.none) })
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("restored.db").path))
    }
}
