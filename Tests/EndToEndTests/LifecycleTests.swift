import Foundation
import GRDB
import Testing

/// Acceptance (issue 5): subject export and erasure, retention, key rotation and recovery, run
/// through the built binary against the database file.
@Suite("Data-subject rights, retention and keys")
struct LifecycleTests {
    /// Every sealed value of one person, as raw bytes: what erasure must leave nowhere.
    private static func ciphertexts(_ d: Deployment, person: String) throws -> [[UInt8]] {
        let queue = try DatabaseQueue(path: d.databasePath)
        defer { try? queue.close() }
        return try queue.read { db in
            var blobs: [[UInt8]] = []
            for sql in ["SELECT wrapped_dek, name, other_names, phones, passport, address FROM persons WHERE id = ?",
                        "SELECT n.body FROM notes n JOIN cases c ON c.id = n.case_id WHERE c.person_id = ?",
                        "SELECT c.safe_contact FROM cases c WHERE c.person_id = ?"] {
                for row in try Row.fetchAll(db, sql: sql, arguments: [person]) {
                    for index in 0..<row.count { if let data = row[index] as Data? { blobs.append([UInt8](data)) } }
                }
            }
            return blobs
        }
    }

    private static func sql<T: Sendable>(_ d: Deployment, _ body: @Sendable (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: d.databasePath)
        defer { try? queue.close() }
        return try queue.write(body)
    }

    private static let ngocFields = [
        "--name", Invented.ngocName, "--other-name", Invented.ngocOtherName, "--phone", Invented.ngocPhone,
        "--passport", Invented.ngocPassport, "--address", Invented.ngocAddress, "--safe-contact", Invented.ngocSafeContact,
        "--note", Invented.ngocNote, "--destination", "KR", "--need", "divorce-recognition",
    ]

    @Test("subject export gives her everything (JSON and HTML, 0600, audited); subject erase leaves nothing of hers in the file")
    func exportThenErase() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor]) { d in
            let ngoc = try await d.openCase(Self.ngocFields)
            try await d.ok(["case", "note", ngoc.id, "--text", Invented.ngocFileNote], as: .counsellor)
            let bystander = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone])

            // Export: complete JSON, printable HTML, both created owner-only; never over an existing file.
            let jsonPath = d.directory.appendingPathComponent("subject.json").path
            try await d.ok(["subject", "export", ngoc.id, "--out", jsonPath], as: .counsellor)
            let exported = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
            let person = try #require(exported["person"] as? [String: Any])
            #expect(person["name"] as? String == Invented.ngocName && person["passport"] as? String == Invented.ngocPassport)
            #expect(person["other_names"] as? [String] == [Invented.ngocOtherName] && person["address"] as? String == Invented.ngocAddress)
            let cases = try #require(exported["cases"] as? [[String: Any]])
            #expect(cases.count == 1 && cases[0]["safe_contact"] as? String == Invented.ngocSafeContact)
            let notes = (cases[0]["notes"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(notes == [Invented.ngocNote, Invented.ngocFileNote])
            let actions = (exported["access_log"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.starts(with: ["case.open", "case.note"]))
            let mode = try FileManager.default.attributesOfItem(atPath: jsonPath)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let htmlPath = d.directory.appendingPathComponent("subject.html").path
            try await d.ok(["subject", "export", ngoc.person, "--out", htmlPath], as: .manager)
            let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
            #expect(html.contains("<html lang=\"vi\">") && html.contains(Invented.ngocName) && html.contains(Invented.ngocNote))
            // Her copy speaks in labels (both languages), days as dd/mm/yyyy and Vietnam time, never stored codes or UTC.
            #expect(html.contains("Hàn Quốc / South Korea") && !html.contains(">KR<") && !html.contains(">divorce-recognition<"))
            #expect(html.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"#, options: .regularExpression) == nil, "a UTC timestamp is shown")
            #expect(html.range(of: #"\d{2}/\d{2}/\d{4}"#, options: .regularExpression) != nil)
            if Python.available {
                let parse = try await Harness.launch("/usr/bin/env", ["python3", "-c",
                    "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print('ok')", htmlPath],
                    environment: Python.environment, scratch: d.directory)
                #expect(parse.status == 0, "the export is not well-formed: \(parse.stderr)")
            }
            let again = try await d.run(["subject", "export", ngoc.id, "--out", jsonPath], as: .counsellor)
            #expect(again.status == 73 && again.stderrLines.count == 1)
            #expect(try await d.run(["subject", "export", ngoc.id, "--out", "elsewhere.json"], as: .otherCounsellor).status == 77)
            let log = try await d.ok(["audit", "log", "--as", Staff.manager.name, "--json"], as: .manager)
            let exports = (try JSONSerialization.jsonObject(with: log.stdoutData) as? [[String: Any]] ?? [])
                .filter { $0["action"] as? String == "subject.export" }
            #expect(exports.count == 2 && exports.allSatisfy { $0["record"] as? String == ngoc.person })

            // Erase: a manager of her centre, the id typed twice.
            let before = try Self.ciphertexts(d, person: ngoc.person)
            #expect(before.count == 9)  // DEK, five fields, two notes, safe contact
            #expect(try await d.run(["subject", "erase", ngoc.id, "--confirm", ngoc.id], as: .counsellor).status == 77)
            #expect(try await d.run(["subject", "erase", ngoc.id, "--confirm", bystander.id], as: .manager).status == 64)
            let erased = try JSON.object(try await d.ok(["subject", "erase", ngoc.id, "--confirm", ngoc.id, "--json"], as: .manager))
            #expect(erased["person"] as? String == ngoc.person && erased["wal_cleared"] as? Bool == true)
            #expect(try await d.run(["subject", "erase", ngoc.id, "--confirm", ngoc.id], as: .manager).status == 65)

            // Nothing of hers is left in the file, its WAL or free pages: no plaintext, no ciphertext.
            for path in d.databaseFiles {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                for value in [Invented.ngocName, Invented.ngocPhone, Invented.ngocPassport, Invented.ngocAddress, Invented.ngocNote] {
                    for needle in Invented.needles(value) { #expect(!bytes.containsBytes(needle), "plaintext of hers in \(path)") }
                }
                for blob in before { #expect(!bytes.containsBytes(Array(blob.prefix(40))), "a ciphertext of hers is still in \(path)") }
            }
            let indexed = try Self.sql(d) { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM blind_indexes WHERE person_id = ?", arguments: [ngoc.person]) ?? -1
            }
            #expect(indexed == 0)
            #expect(try await d.find("--name", Invented.ngocName).isEmpty)
            #expect(try await d.find("--passport", Invented.ngocPassport).isEmpty)
            #expect(try await d.find("--phone", Invented.hoaPhone).map(\.id) == [bystander.id])

            // Her case shows as erased and keeps its codes for statistics.
            let shown = try await d.show(ngoc.id)
            #expect(shown["erasure"] != nil && shown["status"] as? String == "closed" && shown["outcome"] as? String == "erased")
            #expect(shown["destination"] as? String == "KR" && shown["needs"] as? [String] == ["divorce-recognition"])
            #expect((shown["person"] as? [String: Any])?["name"] == nil && (shown["notes"] as? [Any])?.isEmpty == true)
            let text = try await d.ok(["case", "show", ngoc.id], as: .counsellor)
            #expect(text.stdout.contains("xoá vĩnh viễn") && !text.stdout.contains(Invented.ngocName))
            #expect(try await d.run(["case", "note", ngoc.id, "--text", "x"], as: .counsellor).status == 65)
            #expect(try await d.run(["audit", "verify"], as: .manager).status == 0)
        }
    }

    @Test("retention run erases only women whose cases all closed longer ago than the policy keeps; --dry-run changes nothing")
    func retention() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            // A case whose whole life lies in 2012 (a debug build's CAUNOI_TEST_TODAY): opened and
            // closed through caunoi, so its seal and audit trail are intact.
            let opened2012 = try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.lyName, "--phone", Invented.lyPhone,
                                              "--json"], as: .counsellor, environment: ["CAUNOI_TEST_TODAY": "2012-04-02"])
            let old = try JSON.decode(OpenedCase.self, opened2012)
            #expect(old.id.contains("-2012-"))
            let closed2012 = try await d.run(["case", "close", old.id, "--outcome", "resolved"], as: .counsellor,
                                             environment: ["CAUNOI_TEST_TODAY": "2012-05-01"])
            #expect(closed2012.status == 0, "\(closed2012.stderr)")
            let recent = try await d.openCase(["--name", Invented.thaoName, "--phone", Invented.thaoPhone])
            try await d.ok(["case", "close", recent.id, "--outcome", "resolved"], as: .counsellor)

            #expect(try await d.run(["retention", "run", "--dry-run"], as: .counsellor).status == 77)
            let dry = try JSON.object(try await d.ok(["retention", "run", "--dry-run", "--json"], as: .manager))
            let listed = (dry["persons"] as? [[String: Any]] ?? []).compactMap { $0["person"] as? String }
            #expect(listed == [old.person])
            #expect(try await d.show(old.id)["erasure"] == nil)

            let run = try await d.ok(["retention", "run"], as: .admin)
            #expect(run.stdout.contains(old.person))
            #expect(try await d.show(old.id)["erasure"] != nil)
            #expect(try await d.show(recent.id)["erasure"] == nil)
            #expect(try await d.find("--phone", Invented.lyPhone).isEmpty)
            #expect(try await d.find("--phone", Invented.thaoPhone).map(\.id) == [recent.id])
            let empty = try JSON.object(try await d.ok(["retention", "run", "--dry-run", "--json"], as: .manager))
            #expect((empty["persons"] as? [Any])?.isEmpty == true)
            #expect(try await d.run(["audit", "verify"], as: .manager).status == 0)
        }
    }

    @Test("keys rotate locks a removed user's copied-aside keyslot out of old and new cases; keys recover restores access")
    func rotateAndRecover() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let old = try await d.openCase(["--name", Invented.maiName])
            let slot = try Self.sql(d) { db in
                try Row.fetchOne(db, sql: "SELECT user, algorithm, opslimit, memlimit, salt, sealed, updated_on FROM keyslots WHERE user = ?",
                                 arguments: [Staff.counsellor.name]).map { Array($0.databaseValues) }
            }
            let values = try #require(slot)
            let removed = try await d.ok(["user", "remove", Staff.counsellor.name], as: .manager)
            #expect(removed.stdout.contains("keys rotate --centre \(Deployment.centre)"))
            #expect(try await d.run(["keys", "rotate", "--centre", Deployment.centre], as: .admin).status == 64)
            #expect(try await d.run(["keys", "rotate", "--centre", Deployment.otherCentre], as: .manager).status == 77)
            let rotated = try JSON.object(try await d.ok(["keys", "rotate", "--centre", Deployment.centre, "--json"], as: .manager))
            #expect(rotated["version"] as? Int == 2 && rotated["rewrapped"] as? Int == 1)
            let new = try await d.openCase(["--name", Invented.lyName], as: .manager)

            // Put her old keyslot back behind caunoi's back and list her as active: her certificate
            // is revoked, so she is refused (65, naming her account) before any key is tried. The
            // rotation alone also holds: CasesTests.KeyLifecycleTests deletes the revocation too.
            try Self.sql(d) { db in
                try db.execute(sql: "UPDATE users SET status = 'active' WHERE name = ?", arguments: [Staff.counsellor.name])
                try db.execute(sql: "INSERT INTO keyslots (user, algorithm, opslimit, memlimit, salt, sealed, updated_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: StatementArguments(values))
            }
            for id in [old.id, new.id] {
                let refused = try await d.run(["case", "show", id], as: .counsellor)
                #expect(refused.status == 65 && refused.stderr.contains("user \(Staff.counsellor.name)"))
                #expect(!refused.stdout.contains(Invented.maiName) && !refused.stdout.contains(Invented.lyName))
            }
            #expect(try await d.show(old.id, as: .manager)["id"] as? String == old.id)

            // Recovery: a new keyslot from the recovery key, under a new passphrase.
            let renewed = Staff(name: Staff.manager.name, passphrase: "lan-recovered-passphrase")
            let wrongKey = try d.write("other.key", "caunoi-recovery-1 " + String(repeating: "ab", count: 32))
            #expect(try await d.run(["keys", "recover", "--recovery-key-file", wrongKey], newPassphrase: renewed.passphrase,
                                    environment: ["CAUNOI_USER": renewed.name]).status == 77)
            let recovered = try await d.run(["keys", "recover", "--recovery-key-file", d.recoveryKeyPath], newPassphrase: renewed.passphrase,
                                            environment: ["CAUNOI_USER": renewed.name])
            #expect(recovered.status == 0, "\(recovered.stderr)")
            #expect(try await d.run(["case", "list"], as: .manager).status == 77)
            #expect(try await d.show(new.id, as: renewed)["id"] as? String == new.id)
            #expect(try await d.run(["audit", "verify"], as: renewed).status == 0)
        }
    }
}
