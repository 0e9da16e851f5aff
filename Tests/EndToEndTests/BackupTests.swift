import Foundation
import GRDB
import Testing

/// Acceptance (issue 5, backups): `backup create` writes a 0600 file with nothing of the
/// database in the clear; `backup restore` round-trips every case, passes `audit verify`, does
/// not bring back a woman erased since the backup, is audited without a ledger, and refuses bad
/// input with one line and the documented exit code, leaving nothing half-written.
@Suite("Backups")
struct BackupTests {
    private func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue & 0o777
    }

    private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    private func path(_ d: Deployment, _ name: String) -> String { d.directory.appendingPathComponent(name).path }

    /// `backup restore` as the admin, from the live database's ledger unless told otherwise.
    private func restoreArguments(_ d: Deployment, _ file: String, into target: String, ledger: [String]? = nil) -> [String] {
        ["backup", "restore", file, "--db", target, "--recovery-key-file", d.recoveryKeyPath] + (ledger ?? ["--erasures-from", d.databasePath])
    }

    private func auditActions(_ d: Deployment, db: String) async throws -> [(action: String, record: String?)] {
        let log = try await d.ok(["audit", "log", "--json", "--as", Staff.admin.name, "--db", db], as: .admin)
        let entries = try #require(try JSONSerialization.jsonObject(with: log.stdoutData) as? [[String: Any]])
        return entries.map { ($0["action"] as? String ?? "", $0["record"] as? String) }
    }

    @Test("create → restore: every case shows the same, audit verify passes, both files are 0600, the backup holds nothing in the clear")
    func roundTrip() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor]) { d in
            let ngoc = try await d.openCase([
                "--name", Invented.ngocName, "--other-name", Invented.ngocOtherName, "--dob", "1991-04-17",
                "--phone", Invented.ngocPhone, "--email", Invented.ngocEmail, "--id-number", Invented.ngocIDNumber,
                "--passport", Invented.ngocPassport, "--address", Invented.ngocAddress, "--destination", "KR",
                "--migration", "marriage", "--need", "divorce-recognition", "--risk", "high",
                "--safe-contact", Invented.ngocSafeContact, "--note", Invented.ngocNote,
            ])
            try await d.ok(["case", "note", ngoc.id, "--text", Invented.ngocFileNote], as: .counsellor)
            let hoa = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone], programme: "marriage")
            try await d.ok(["case", "close", hoa.id, "--outcome", "withdrew", "--reason", Invented.ngocReason], as: .counsellor)
            let mai = try await d.openCase(["--name", Invented.maiName, "--phone", Invented.maiPhone], as: .otherCounsellor)

            let file = path(d, "caunoi.backup")
            let created = try JSON.object(try await d.ok(["backup", "create", "--out", file, "--json"], as: .admin))
            #expect(created["cases"] as? Int == 3 && (created["backup"] as? String)?.hasPrefix("B-") == true)
            #expect(try mode(file) == 0o600)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for value in Invented.all { for needle in Invented.needles(value) { #expect(!bytes.containsBytes(needle), "a personal value is in the backup") } }
            for clear in ["SQLite format 3", ngoc.id, hoa.id, mai.id, "divorce-recognition", Staff.counsellor.name] {
                #expect(!bytes.containsBytes(Array(clear.utf8)), "the backup shows part of the database in the clear")
            }

            let target = path(d, "restored.db")
            let restored = try JSON.object(try await d.ok(restoreArguments(d, file, into: target) + ["--json"], as: .admin))
            #expect(restored["backup"] as? String == created["backup"] as? String)
            #expect(restored["ledger"] as? Bool == true && (restored["erased"] as? [String])?.isEmpty == true)
            #expect(try mode(target) == 0o600)

            for (id, staff) in [(ngoc.id, Staff.counsellor), (hoa.id, .counsellor), (mai.id, .otherCounsellor)] {
                let original = try await d.ok(["case", "show", id, "--json"], as: staff)
                let copy = try await d.ok(["case", "show", id, "--json", "--db", target], as: staff)
                #expect(copy.stdout == original.stdout, "case \(id) differs after the restore")
            }
            let human = try await d.ok(["case", "show", ngoc.id, "--db", target], as: .counsellor)
            #expect(human.stdout.contains(Invented.ngocFileNote))
            #expect(try await d.run(["audit", "verify", "--db", target], as: .admin).status == 0)
            #expect(try await d.run(["audit", "verify", "--db", target], as: .manager).status == 0)
            let actions = try await auditActions(d, db: target)
            #expect(actions.contains { $0.action == "backup.restore" && $0.record == created["backup"] as? String })
            #expect(try await auditActions(d, db: d.databasePath).contains { $0.action == "backup.create" })
        }
    }

    @Test("a woman erased after the backup stays erased with --erasures-from; --no-ledger brings her back and is audited")
    func erasureLedger() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let ngoc = try await d.openCase(["--name", Invented.ngocName, "--phone", Invented.ngocPhone, "--note", Invented.ngocNote,
                                             "--safe-contact", Invented.ngocSafeContact])
            let hoa = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone])
            let file = path(d, "before-erasure.backup")
            try await d.ok(["backup", "create", "--out", file], as: .admin)

            // Her ciphertexts as they are in the backup.
            let live = try DatabaseQueue(path: d.databasePath)
            let (nameBlob, dek, noteBlob) = try await live.read { db in
                let row = try #require(try Row.fetchOne(db, sql: "SELECT name, wrapped_dek FROM persons WHERE id = ?", arguments: [ngoc.person]))
                let note = try #require(try Data.fetchOne(db, sql: "SELECT body FROM notes WHERE case_id = ?", arguments: [ngoc.id]))
                return (row["name"] as Data, row["wrapped_dek"] as Data, note)
            }
            try live.close()
            try await d.ok(["subject", "erase", ngoc.person, "--confirm", ngoc.person], as: .manager)

            let target = path(d, "restored.db")
            let restored = try JSON.object(try await d.ok(restoreArguments(d, file, into: target) + ["--json"], as: .admin))
            #expect(restored["erased"] as? [String] == [ngoc.person])
            let written = try Data(contentsOf: URL(fileURLWithPath: target))
            for secret in [nameBlob, dek, noteBlob] { #expect(!written.containsBytes([UInt8](secret)), "her ciphertext reached the restored file") }
            for needle in Invented.needles(Invented.ngocName) { #expect(!written.containsBytes(needle)) }

            let shown = try JSON.object(try await d.ok(["case", "show", ngoc.id, "--json", "--db", target], as: .counsellor))
            #expect(shown["status"] as? String == "closed" && shown["outcome"] as? String == "erased")
            #expect((shown["person"] as? [String: Any])?["name"] as? String == nil && (shown["notes"] as? [Any])?.isEmpty == true)
            for (option, query) in [("--name", Invented.ngocName), ("--phone", Invented.ngocPhone)] {
                let found = try await d.ok(["case", "find", option, query, "--json", "--db", target], as: .counsellor)
                #expect(try JSON.decode([FoundCase].self, found).isEmpty, "case find \(option) finds her in the restored copy")
            }
            let hoaShown = try JSON.object(try await d.ok(["case", "show", hoa.id, "--json", "--db", target], as: .counsellor))
            #expect((hoaShown["person"] as? [String: Any])?["name"] as? String == Invented.hoa)
            let actions = try await auditActions(d, db: target)
            #expect(actions.contains { $0.action == "subject.erase.ledger" && $0.record == ngoc.person })
            #expect(actions.contains { $0.action == "backup.restore" })
            #expect(try await d.run(["audit", "verify", "--db", target], as: .admin).status == 0)

            // Without the ledger: only when asked, and on the record.
            let bare = path(d, "no-ledger.db")
            let human = try await d.ok(restoreArguments(d, file, into: bare, ledger: ["--no-ledger"]) + ["--lang", "en"], as: .admin)
            #expect(human.stdout.contains("without an erasure ledger"))
            let bareActions = try await auditActions(d, db: bare)
            #expect(bareActions.contains { $0.action == "backup.restore.no-ledger" })
            #expect(!bareActions.contains { $0.action == "backup.restore" })
            let back = try JSON.object(try await d.ok(["case", "show", ngoc.id, "--json", "--db", bare], as: .counsellor))
            #expect((back["person"] as? [String: Any])?["name"] as? String == Invented.ngocName)
        }
    }

    @Test("bad input: one line, the documented exit code, nothing half-written")
    func refusals() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            _ = try await d.openCase(["--name", Invented.lyName, "--phone", Invented.lyPhone])
            let file = path(d, "good.backup")
            try await d.ok(["backup", "create", "--out", file], as: .admin)
            let target = path(d, "restored.db")

            func expectFailure(_ arguments: [String], as staff: Staff = .admin, _ status: Int32, _ label: String,
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let result = try await d.run(arguments, as: staff, sourceLocation: sourceLocation)
                #expect(result.status == status, "\(label): exit \(result.status) \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stderrLines.count == 1, "\(label): \(result.stderr)", sourceLocation: sourceLocation)
                #expect(!exists(target), "\(label): something was written", sourceLocation: sourceLocation)
            }

            // Usage.
            try await expectFailure(restoreArguments(d, file, into: target, ledger: []), 64, "neither --erasures-from nor --no-ledger")
            try await expectFailure(restoreArguments(d, file, into: target, ledger: ["--no-ledger", "--erasures-from", d.databasePath]), 64, "both")
            try await expectFailure(["backup", "restore", file, "--no-ledger", "--recovery-key-file", d.recoveryKeyPath], 64, "no explicit --db")
            try await expectFailure(["backup", "restore", file, "--db", target, "--no-ledger"], 64, "no recovery key")
            try await expectFailure(["backup", "create"], 64, "no --out")

            // Not permitted.
            try await expectFailure(["backup", "create", "--out", path(d, "by-manager.backup")], as: .manager, 77, "create by a manager")
            #expect(!exists(path(d, "by-manager.backup")))
            try await expectFailure(restoreArguments(d, file, into: target), as: .manager, 77, "restore by a manager")
            try await expectFailure(restoreArguments(d, file, into: target), as: Staff(name: Staff.admin.name, passphrase: "not-her-passphrase"),
                                    77, "wrong passphrase")
            let wrongKey = try d.write("wrong.key", "caunoi-recovery-1 " + (0..<8).map { _ in String(format: "%08x", UInt32.random(in: 0...UInt32.max)) }
                .joined(separator: "-") + "\n")
            try await expectFailure(["backup", "restore", file, "--db", target, "--no-ledger", "--recovery-key-file", wrongKey], 77, "wrong recovery key")

            // Damaged, altered or foreign files.
            let original = try Data(contentsOf: URL(fileURLWithPath: file))
            for (name, bytes) in [("truncated", original.prefix(original.count - 100)), ("flipped", flipped(original, at: original.count / 2)),
                                  ("header", flipped(original, at: 40)), ("database", try Data(contentsOf: URL(fileURLWithPath: d.databasePath))),
                                  ("empty", Data())] {
                let damaged = path(d, "\(name).backup")
                try Data(bytes).write(to: URL(fileURLWithPath: damaged))
                try await expectFailure(restoreArguments(d, damaged, into: target), 65, "\(name) backup")
            }
            try await expectFailure(restoreArguments(d, path(d, "missing.backup"), into: target), 66, "missing backup")
            try await expectFailure(restoreArguments(d, file, into: target, ledger: ["--erasures-from", path(d, "missing.db")]), 66, "missing live database")
            try await Harness.withTemporaryDirectory { elsewhere in
                let other = try await Deployment.make(in: elsewhere, cast: [])
                try await expectFailure(restoreArguments(d, file, into: target, ledger: ["--erasures-from", other.databasePath]), 65,
                                        "live database of another deployment")
            }

            // Existing files are never overwritten.
            try await expectFailure(["backup", "create", "--out", file], 73, "existing --out")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
            try Data("occupied".utf8).write(to: URL(fileURLWithPath: target))
            let occupied = try await d.run(restoreArguments(d, file, into: target), as: .admin)
            #expect(occupied.status == 73 && occupied.stderrLines.count == 1)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "occupied")
            try FileManager.default.removeItem(atPath: target)

            // A full disk (a file-size limit stands in for it: writes fail with EFBIG) → 74, no partial file.
            let full = path(d, "full.backup")
            let limited = try await runLimited(d, ["backup", "create", "--out", full])
            #expect(limited.status == 74 && limited.stderrLines.count == 1, "\(limited.stderr)")
            #expect(!exists(full))
            let limitedRestore = try await runLimited(d, restoreArguments(d, file, into: target))
            #expect(limitedRestore.status == 74 && limitedRestore.stderrLines.count == 1, "\(limitedRestore.stderr)")
            #expect(!exists(target))
            #expect(try await d.run(["audit", "verify"], as: .admin).status == 0)
        }
    }

    private func flipped(_ data: Data, at index: Int) -> Data {
        var copy = data
        copy[copy.startIndex + index] ^= 0x01
        return copy
    }

    /// Runs caunoi as the admin with a 100-block file-size limit and SIGXFSZ ignored (an ignored
    /// signal stays ignored across exec), so any write past the limit fails as on a full disk.
    private func runLimited(_ d: Deployment, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> CLIResult {
        var environment = Harness.baseEnvironment()
        environment["CAUNOI_DB"] = d.databasePath
        environment["CAUNOI_USER"] = Staff.admin.name
        environment["CAUNOI_PASSPHRASE"] = Staff.admin.passphrase
        let result = try await Harness.launch("/bin/sh", ["-c", "trap '' XFSZ; ulimit -f 100; exec \"$0\" \"$@\"", d.binary] + arguments,
                                              environment: environment, scratch: d.directory)
        Harness.checkHygiene(result, sourceLocation: sourceLocation)
        return result
    }
}
