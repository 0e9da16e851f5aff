import Foundation
import Testing

/// Acceptance: init, centres, users, key grants, passphrase change and removal (CLI.md).
@Suite("Setup flow")
struct SetupFlowTests {
    @Test("init writes a 0600 recovery key, refuses a second init, and staff accounts work as documented")
    func setupFlow() async throws {
        try await Harness.withTemporaryDirectory { dir in
            let d = Deployment(directory: dir, binary: try Harness.binary())

            // init --admin with --recovery-out: the key file exists with mode 0600.
            let initialised = try await d.ok(["init", "--admin", Staff.admin.name, "--recovery-out", d.recoveryKeyPath],
                                             newPassphrase: Staff.admin.passphrase)
            #expect(initialised.stdout.contains(Staff.admin.name))
            let attributes = try FileManager.default.attributesOfItem(atPath: d.recoveryKeyPath)
            let mode = try #require(attributes[.posixPermissions] as? NSNumber).intValue
            #expect(mode & 0o777 == 0o600, "recovery key file mode is \(String(mode & 0o777, radix: 8))")
            let keyText = try String(contentsOfFile: d.recoveryKeyPath, encoding: .utf8)
            #expect(!keyText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect(!initialised.stdout.contains(keyText.trimmingCharacters(in: .whitespacesAndNewlines)),
                    "the recovery key written to a file must not also be printed")

            // A second init on the same database fails with 65 and one line.
            let again = try await d.run(["init", "--admin", "quantri2"], newPassphrase: "another-admin-passphrase")
            #expect(again.status == 65)
            #expect(again.stderrLines.count == 1, "stderr: \(again.stderr)")
            let keyAfter = try String(contentsOfFile: d.recoveryKeyPath, encoding: .utf8)
            #expect(keyAfter == keyText)

            // Centres: the admin adds them; a manager may not.
            try await d.ok(["centre", "add", Deployment.centre, "--name", "Văn phòng OSSO thử nghiệm", "--province", "01", "--kind", "osso"],
                           as: .admin)
            try await d.ok(["centre", "add", Deployment.otherCentre, "--name", "Trung tâm tư vấn thử nghiệm", "--province", "Cần Thơ",
                            "--kind", "marriage"], as: .admin)

            // The first manager receives the centre key and the index key from the recovery key.
            let manager = try JSON.object(try await d.ok(
                ["user", "add", Staff.manager.name, "--role", "manager", "--centre", Deployment.centre,
                 "--recovery-key-file", d.recoveryKeyPath, "--json"], as: .admin, newPassphrase: Staff.manager.passphrase))
            let managerGranted = try #require(manager["granted"] as? [String])
            #expect(managerGranted.contains { $0.hasPrefix("centre.\(Deployment.centre)") })
            #expect(managerGranted.contains { $0.hasPrefix("index") })
            #expect((manager["missing"] as? [String]) == [])

            let notAdmin = try await d.run(["centre", "add", "DN-OSSO", "--name", "Văn phòng khác", "--province", "48", "--kind", "osso"],
                                           as: .manager)
            #expect(notAdmin.status == 77)

            // The manager adds a counsellor of her own centre, who gets the same keys from her.
            let counsellor = try JSON.object(try await d.ok(
                ["user", "add", Staff.counsellor.name, "--role", "counsellor", "--centre", Deployment.centre, "--json"],
                as: .manager, newPassphrase: Staff.counsellor.passphrase))
            let counsellorGranted = try #require(counsellor["granted"] as? [String])
            #expect(counsellorGranted.contains { $0.hasPrefix("centre.\(Deployment.centre)") })
            #expect(counsellorGranted.contains { $0.hasPrefix("index") })
            #expect((counsellor["missing"] as? [String]) == [])

            // … but not a user of another centre.
            let foreign = try await d.run(["user", "add", "khach", "--role", "counsellor", "--centre", Deployment.otherCentre],
                                          as: .manager, newPassphrase: "khach-counsellor-pass")
            #expect(foreign.status == 77)
            #expect(foreign.stderrLines.count == 1)

            // The counsellor can work: her keys reached her.
            let opened = try await d.openCase(["--name", Invented.lyName, "--phone", Invented.lyPhone])

            // user list: the admin sees everyone, the manager her centre.
            let all = try JSON.decode([UserJSON].self, try await d.ok(["user", "list", "--json"], as: .admin))
            #expect(Set(all.map(\.name)) == [Staff.admin.name, Staff.manager.name, Staff.counsellor.name])
            #expect(all.first { $0.name == Staff.counsellor.name }?.role == "counsellor")
            #expect(all.first { $0.name == Staff.counsellor.name }?.centre == Deployment.centre)
            #expect(!all.map(\.name).contains("khach"))
            let mine = try JSON.decode([UserJSON].self, try await d.ok(["user", "list", "--json"], as: .manager))
            #expect(Set(mine.map(\.name)) == [Staff.manager.name, Staff.counsellor.name])

            // user passwd: the old passphrase stops working, the new one works and keeps her keys.
            let renewed = Staff(name: Staff.counsellor.name, passphrase: "thuy-new-passphrase-2")
            try await d.ok(["user", "passwd"], as: .counsellor, newPassphrase: renewed.passphrase)
            let old = try await d.run(["case", "list"], as: .counsellor)
            #expect(old.status == 77)
            #expect(old.stderrLines.count == 1)
            let shown = try await d.show(opened.id, as: renewed)
            #expect((shown["person"] as? [String: Any])?["name"] as? String == Invented.lyName)

            // user remove: the removed user is refused with 77.
            try await d.ok(["user", "remove", Staff.counsellor.name], as: .manager)
            let removed = try await d.run(["case", "list"], as: renewed)
            #expect(removed.status == 77)
            #expect(removed.stderrLines.count == 1)
            let afterRemoval = try JSON.decode([UserJSON].self, try await d.ok(["user", "list", "--json"], as: .admin))
            #expect(afterRemoval.first { $0.name == Staff.counsellor.name }?.active == false)
        }
    }

    @Test("the recovery key and the database file are created owner-only, not made 0600 after the fact",
          .enabled(if: Strace.usable, "needs a working strace"))
    func createdOwnerOnly() async throws {
        try await Harness.withTemporaryDirectory { dir in
            let d = Deployment(directory: dir, binary: try Harness.binary())
            let trace = dir.appendingPathComponent("trace.txt")
            var env = Harness.baseEnvironment()
            env["CAUNOI_DB"] = d.databasePath
            env["CAUNOI_NEW_PASSPHRASE"] = Staff.admin.passphrase
            // A fixed, ordinary umask (022), then caunoi under strace recording file creation.
            let result = try await Harness.launch("/bin/sh", [
                "-c", "umask 022 && exec \"$0\" \"$@\"", Strace.path, "-f", "-qq",
                "-e", "trace=open,openat,creat,rename,renameat,renameat2,umask", "-o", trace.path,
                d.binary, "init", "--admin", Staff.admin.name, "--recovery-out", d.recoveryKeyPath,
            ], environment: env, scratch: dir)
            try #require(result.status == 0, "init under strace: \(result.stderr)")
            let modes = Strace.creationModes(try String(contentsOf: trace, encoding: .utf8))
            for file in ["recovery.key", "caunoi.db"] {
                let mode = try #require(modes.first { $0.key.hasSuffix("/" + dir.lastPathComponent + "/" + file) }?.value,
                                        "the creation of \(file) is not in the trace")
                #expect(mode & 0o077 == 0,
                        "\(file) came into existence with mode \(String(mode, radix: 8)) (umask 022) and was only later restricted")
            }
            let final = try #require(try FileManager.default.attributesOfItem(atPath: d.recoveryKeyPath)[.posixPermissions] as? NSNumber)
            #expect(final.intValue & 0o777 == 0o600)
        }
    }
    @Test("init never leaves a deployment without its recovery key: a bad --recovery-out initialises nothing and a retry works")
    func recoveryKeyFirst() async throws {
        try await Harness.withTemporaryDirectory { dir in
            let d = Deployment(directory: dir, binary: try Harness.binary())
            let missingFolder = dir.appendingPathComponent("no-such-folder/recovery.key").path
            let failed = try await d.run(["init", "--admin", Staff.admin.name, "--recovery-out", missingFolder], newPassphrase: Staff.admin.passphrase)
            #expect(failed.status == 73, "\(failed.stderr)")
            // Nothing was initialised: staff commands say so, and init can simply be run again.
            #expect(try await d.run(["centre", "list"], as: .admin).status == 65)
            try await d.ok(["init", "--admin", Staff.admin.name, "--recovery-out", d.recoveryKeyPath], newPassphrase: Staff.admin.passphrase)
            try await d.ok(["centre", "add", "HN-OSSO", "--name", "Văn phòng thử", "--province", "01", "--kind", "osso"], as: .admin)
            try await d.ok(["user", "add", Staff.manager.name, "--role", "manager", "--centre", "HN-OSSO", "--recovery-key-file", d.recoveryKeyPath],
                           as: .admin, newPassphrase: Staff.manager.passphrase)
            // An agency key libsodium cannot seal to is refused when added (not exit 70 at send).
            let zero = Data(repeating: 0, count: 32).base64EncodedString()
            let refused = try await d.run(["agency", "add", "vn-zero", "--name", "Khoá hỏng", "--kind", "justice", "--public-key", zero], as: .manager)
            #expect(refused.status == 64, "\(refused.stderr)")
            let empty = try await d.run(["centre", "add", "HP-OSSO", "--name", " ", "--province", "31", "--kind", "osso"], as: .admin)
            #expect(empty.status == 64, "\(empty.stderr)")
        }
    }
}

/// Running a command under strace to see with which permissions files come into existence.
enum Strace {
    static let path = "/usr/bin/strace"

    /// strace exists and may trace here (ptrace can be forbidden in containers).
    static let usable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: path), FileManager.default.isExecutableFile(atPath: "/bin/true") else {
            return false
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-qq", "-o", "/dev/null", "/bin/true"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// For every path that came into existence in the trace, its effective mode at that moment
    /// (the mode argument of the creating open, less the umask then in force). A path that came
    /// into existence by a rename takes the mode its source was created with.
    static func creationModes(_ trace: String) -> [String: Int] {
        var umask = 0o022
        var created: [String: Int] = [:]
        for joined in joinedCalls(trace) {
            let line = Substring(joined)
            let quoted = line.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            if line.hasPrefix("umask(") {
                let inner = line.dropFirst("umask(".count).prefix { $0 != ")" }
                if let value = Int(inner, radix: 8) { umask = value }
            } else if line.hasPrefix("openat(") || line.hasPrefix("open(") || line.hasPrefix("creat(") {
                guard let path = quoted.first, let close = line.range(of: ") = ", options: .backwards),
                      !line[close.upperBound...].hasPrefix("-"), created[path] == nil else { continue }
                let arguments = line[..<close.lowerBound].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let creates = line.hasPrefix("creat(") || arguments.contains { $0.contains("O_CREAT") }
                guard creates, let modeText = arguments.last, modeText.hasPrefix("0"), let mode = Int(modeText, radix: 8) else { continue }
                created[path] = mode & ~umask
            } else if line.hasPrefix("rename") {
                guard quoted.count >= 2, line.range(of: ") = 0") != nil else { continue }
                let (source, target) = (quoted[0], quoted[1])
                if created[target] == nil, let mode = created[source] { created[target] = mode }
            }
        }
        return created
    }

    /// One line per system call, pid prefix (and its padding) removed. With `-f`, strace splits a call that
    /// another thread interrupts into `… <unfinished ...>` and `<... openat resumed>…`; the
    /// halves are joined per pid so that a creation is never missed.
    static func joinedCalls(_ trace: String) -> [String] {
        var pending: [String: String] = [:]
        var calls: [String] = []
        for raw in trace.split(separator: "\n") {
            var pid = ""
            var line = Substring(raw)
            // strace writes the pid left-aligned in five columns ("4870  openat(…"), so pids
            // under 10000 are followed by more than one space.
            if let space = line.firstIndex(of: " "), line[..<space].allSatisfy(\.isNumber) {
                pid = String(line[..<space])
                line = line[space...].drop { $0 == " " }
            }
            if let cut = line.range(of: " <unfinished ...>") {
                pending[pid] = String(line[..<cut.lowerBound])
            } else if line.hasPrefix("<... "), let resumed = line.range(of: " resumed>") {
                calls.append((pending.removeValue(forKey: pid) ?? "") + line[resumed.upperBound...])
            } else {
                calls.append(String(line))
            }
        }
        return calls
    }
}

struct UserJSON: Decodable, Sendable {
    let name: String
    let role: String
    let centre: String?
    let active: Bool

}
