import Foundation
import Testing

// The end-to-end harness: finds the built `caunoi` binary, runs it in a child process with an
// explicit environment and stdin from /dev/null, and sets up throw-away deployments (database,
// centres, users) in temporary directories. Every personal value used anywhere in this suite is
// invented; `Invented` lists them so every failing command's stderr can be checked against them.

/// What one `caunoi` run gave back.
struct CLIResult: Sendable {
    let arguments: [String]
    let status: Int32
    let crashed: Bool
    let stdoutData: Data
    let stdout: String
    let stderr: String

    /// Non-empty lines of stderr.
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

    /// A short label for failure messages: the command words, never option values.
    var label: String {
        "caunoi " + arguments.prefix { !$0.hasPrefix("-") }.joined(separator: " ") + " → exit \(status)"
    }
}

/// A failure of the harness itself (binary missing, process could not start).
struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

enum Harness {
    /// `<package root>`, from this file's location (Tests/EndToEndTests/Harness.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped policy folder.
    static let policyDirectory: URL = packageRoot.appendingPathComponent("policy")

    /// `CAUNOI_BIN`, else `caunoi` beside the running test executable, else `.build/debug/caunoi`.
    static let binaryPath: String? = {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["CAUNOI_BIN"], !explicit.isEmpty {
            return fm.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("caunoi").path
        if fm.isExecutableFile(atPath: beside) { return beside }
        let built = packageRoot.appendingPathComponent(".build/debug/caunoi").path
        if fm.isExecutableFile(atPath: built) { return built }
        return nil
    }()

    static func binary() throws -> String {
        guard let path = binaryPath else {
            throw HarnessError(description: """
                caunoi binary not found: set CAUNOI_BIN, or run `swift build --product caunoi` first \
                (looked beside the test executable and in \(packageRoot.path)/.build/debug)
                """)
        }
        return path
    }

    /// A base environment: nothing inherited but PATH, so no stray CAUNOI_* leaks in.
    static func baseEnvironment() -> [String: String] {
        [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "CAUNOI_POLICY": policyDirectory.path,
        ]
    }

    /// Runs `executable arguments` with exactly `environment`, stdin from /dev/null, stdout and
    /// stderr captured through files in `scratch` (no pipe can fill up and block the child).
    static func launch(_ executable: String, _ arguments: [String], environment: [String: String], scratch: URL) async throws -> CLIResult {
        let fm = FileManager.default
        let token = UUID().uuidString
        let outURL = scratch.appendingPathComponent("out-\(token)")
        let errURL = scratch.appendingPathComponent("err-\(token)")
        guard fm.createFile(atPath: outURL.path, contents: nil), fm.createFile(atPath: errURL.path, contents: nil),
              let out = FileHandle(forWritingAtPath: outURL.path), let err = FileHandle(forWritingAtPath: errURL.path),
              let devNull = FileHandle(forReadingAtPath: "/dev/null") else {
            throw HarnessError(description: "cannot create capture files in \(scratch.path)")
        }
        defer {
            try? fm.removeItem(at: outURL)
            try? fm.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = scratch
        process.standardInput = devNull
        process.standardOutput = out
        process.standardError = err
        let (status, reason): (Int32, Process.TerminationReason) = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: (finished.terminationStatus, finished.terminationReason))
            }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: HarnessError(description: "cannot start \(executable): \(error)"))
            }
        }
        try? out.close()
        try? err.close()
        try? devNull.close()
        let stdoutData = fm.contents(atPath: outURL.path) ?? Data()
        let stderrData = fm.contents(atPath: errURL.path) ?? Data()
        return CLIResult(arguments: arguments, status: status, crashed: reason == .uncaughtSignal,
                         stdoutData: stdoutData, stdout: String(decoding: stdoutData, as: UTF8.self),
                         stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Checks every run: no crash, and a failure's stderr never holds a stack trace or any
    /// invented personal value used in this suite.
    static func checkHygiene(_ result: CLIResult, sourceLocation: SourceLocation) {
        #expect(!result.crashed, "\(result.label): killed by a signal", sourceLocation: sourceLocation)
        guard result.status != 0 else { return }
        for marker in ["Fatal error", "Stack dump", "stack trace", "Backtrace", "Current stack", "0x0000"] {
            #expect(!result.stderr.contains(marker), "\(result.label): stderr holds \(marker)", sourceLocation: sourceLocation)
        }
        let folded = Invented.fold(result.stderr)
        for value in Invented.all {
            #expect(!result.stderr.contains(value) && !folded.contains(Invented.fold(value)),
                    "\(result.label): stderr holds an invented personal value", sourceLocation: sourceLocation)
        }
    }

    /// A fresh temporary directory, removed when `body` ends.
    static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caunoi-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try await body(dir)
    }
}

// MARK: - Deployments

/// A staff account of a test deployment.
struct Staff: Sendable, Hashable {
    let name: String
    let passphrase: String

    static let admin = Staff(name: "quantri", passphrase: "quantri-passphrase-01")
    /// Manager of HN-OSSO, given her keys from the recovery key.
    static let manager = Staff(name: "lan", passphrase: "lan-manager-passphrase")
    /// Counsellor of HN-OSSO, added by the manager.
    static let counsellor = Staff(name: "thuy", passphrase: "thuy-counsellor-pass")
    /// Counsellor of the other centre (CT-HN), added by the admin with the recovery key.
    static let otherCounsellor = Staff(name: "hanh", passphrase: "hanh-counsellor-pass")
    static let statistician = Staff(name: "thongke", passphrase: "thongke-statistics-pass")
}

/// A throw-away deployment in its own temporary directory.
struct Deployment: Sendable {
    /// Which accounts `make` creates besides the admin and the two centres.
    struct Cast: OptionSet, Sendable {
        let rawValue: Int
        static let manager = Cast(rawValue: 1)
        /// The HN-OSSO counsellor (needs the manager).
        static let counsellor = Cast(rawValue: 2)
        static let otherCounsellor = Cast(rawValue: 4)
        static let statistician = Cast(rawValue: 8)
        /// Only a counsellor of HN-OSSO, added directly by the admin (the cheapest case-working setup).
        static let soloCounsellor = Cast(rawValue: 16)
    }

    static let centre = "HN-OSSO"
    static let otherCentre = "CT-HN"

    let directory: URL
    let binary: String

    var databasePath: String { directory.appendingPathComponent("caunoi.db").path }
    var recoveryKeyPath: String { directory.appendingPathComponent("recovery.key").path }

    /// Runs `caunoi` as `staff` (or as nobody), with extra environment on top of the defaults.
    /// `nil` values in `environment` remove a variable.
    @discardableResult
    func run(_ arguments: [String], as staff: Staff? = nil, newPassphrase: String? = nil,
             environment: [String: String?] = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> CLIResult {
        var env = Harness.baseEnvironment()
        env["CAUNOI_DB"] = databasePath
        if let staff {
            env["CAUNOI_USER"] = staff.name
            env["CAUNOI_PASSPHRASE"] = staff.passphrase
        }
        if let newPassphrase { env["CAUNOI_NEW_PASSPHRASE"] = newPassphrase }
        for (key, value) in environment { env[key] = value }
        let result = try await Harness.launch(binary, arguments, environment: env, scratch: directory)
        Harness.checkHygiene(result, sourceLocation: sourceLocation)
        return result
    }

    /// Runs and requires exit 0.
    @discardableResult
    func ok(_ arguments: [String], as staff: Staff? = nil, newPassphrase: String? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) async throws -> CLIResult {
        let result = try await run(arguments, as: staff, newPassphrase: newPassphrase, sourceLocation: sourceLocation)
        try #require(result.status == 0, "\(result.label): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// A new deployment: `init`, the centres HN-OSSO and CT-HN, and the chosen accounts.
    static func make(in directory: URL, cast: Cast) async throws -> Deployment {
        let deployment = Deployment(directory: directory, binary: try Harness.binary())
        try await deployment.ok(["init", "--admin", Staff.admin.name, "--recovery-out", deployment.recoveryKeyPath],
                                newPassphrase: Staff.admin.passphrase)
        try await deployment.ok(["centre", "add", centre, "--name", "Văn phòng OSSO thử nghiệm", "--province", "01", "--kind", "osso"],
                                as: .admin)
        try await deployment.ok(["centre", "add", otherCentre, "--name", "Trung tâm tư vấn thử nghiệm", "--province", "92",
                                 "--kind", "marriage"], as: .admin)
        if cast.contains(.manager) || cast.contains(.counsellor) {
            try await deployment.ok(["user", "add", Staff.manager.name, "--role", "manager", "--centre", centre,
                                     "--recovery-key-file", deployment.recoveryKeyPath], as: .admin, newPassphrase: Staff.manager.passphrase)
        }
        if cast.contains(.counsellor) {
            try await deployment.ok(["user", "add", Staff.counsellor.name, "--role", "counsellor", "--centre", centre],
                                    as: .manager, newPassphrase: Staff.counsellor.passphrase)
        }
        if cast.contains(.soloCounsellor) {
            try await deployment.ok(["user", "add", Staff.counsellor.name, "--role", "counsellor", "--centre", centre,
                                     "--recovery-key-file", deployment.recoveryKeyPath], as: .admin,
                                    newPassphrase: Staff.counsellor.passphrase)
        }
        if cast.contains(.otherCounsellor) {
            try await deployment.ok(["user", "add", Staff.otherCounsellor.name, "--role", "counsellor", "--centre", otherCentre,
                                     "--recovery-key-file", deployment.recoveryKeyPath], as: .admin,
                                    newPassphrase: Staff.otherCounsellor.passphrase)
        }
        if cast.contains(.statistician) {
            try await deployment.ok(["user", "add", Staff.statistician.name, "--role", "statistician"], as: .admin,
                                    newPassphrase: Staff.statistician.passphrase)
        }
        return deployment
    }

    /// Runs `body` on a fresh deployment whose directory is removed afterwards.
    static func with<T>(_ cast: Cast, _ body: (Deployment) async throws -> T) async throws -> T {
        try await Harness.withTemporaryDirectory { dir in
            try await body(try await make(in: dir, cast: cast))
        }
    }

    // MARK: Conveniences

    /// `case open … --json` as `staff`; returns the case id and person id.
    func openCase(_ fields: [String], as staff: Staff = .counsellor, programme: String = "returnee",
                  sourceLocation: SourceLocation = #_sourceLocation) async throws -> OpenedCase {
        let result = try await ok(["case", "open", "--programme", programme] + fields + ["--json"], as: staff,
                                  sourceLocation: sourceLocation)
        return try JSON.decode(OpenedCase.self, result, sourceLocation: sourceLocation)
    }

    /// `case list --json` as `staff`.
    func listCases(as staff: Staff = .counsellor, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [CaseSummary] {
        try JSON.decode([CaseSummary].self, try await ok(["case", "list", "--json"], as: staff, sourceLocation: sourceLocation),
                        sourceLocation: sourceLocation)
    }

    /// `case find … --json` as `staff`, requiring exit 0.
    func find(_ option: String, _ query: String, as staff: Staff = .counsellor,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> [FoundCase] {
        // The term in a document, as the README says to (off argv); JSON-quoted, so any text fits.
        let term = try write("find-term.json", String(decoding: try JSONEncoder().encode([String(option.dropFirst(2)): query]), as: UTF8.self))
        return try JSON.decode([FoundCase].self, try await ok(["case", "find", "--fields-from", term, "--json"], as: staff, sourceLocation: sourceLocation),
                               sourceLocation: sourceLocation)
    }

    /// `case show ID --json` as `staff`, as a loose JSON object.
    func show(_ id: String, as staff: Staff = .counsellor, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        try JSON.object(try await ok(["case", "show", id, "--json"], as: staff, sourceLocation: sourceLocation),
                        sourceLocation: sourceLocation)
    }

    /// Writes a file into the deployment directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The database file and whichever of its -wal / -shm companions exist.
    var databaseFiles: [String] {
        [databasePath, databasePath + "-wal", databasePath + "-shm"].filter { FileManager.default.fileExists(atPath: $0) }
    }
}

// MARK: - JSON shapes (snake_case keys, CLI.md)

struct OpenedCase: Decodable, Sendable {
    struct Duplicate: Decodable, Sendable { let id: String }
    let id: String
    let person: String
    let possibleDuplicates: [Duplicate]
}

struct CaseSummary: Decodable, Sendable {
    let id: String
    let centre: String
    let programme: String
    let status: String
    let risk: String?
    let assignedTo: String?
    let originProvince: String?
    let destination: String?
    let migration: String?
    let ageBand: String?
    let needs: [String]
    let openedOn: String
}

struct FoundCase: Decodable, Sendable {
    let id: String
    let name: String
    let centre: String
}

struct ImportSummary: Decodable, Sendable, Equatable {
    let imported: Int
    let persons: Int
}

enum JSON {
    static func decode<T: Decodable>(_ type: T.Type, _ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: result.stdoutData)
        } catch {
            Issue.record("\(result.label): stdout is not the expected JSON (\(error))", sourceLocation: sourceLocation)
            throw error
        }
    }

    static func object(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: result.stdoutData)
        return try #require(value as? [String: Any], "\(result.label): stdout is not a JSON object", sourceLocation: sourceLocation)
    }

    static func array(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: result.stdoutData)
        return try #require(value as? [[String: Any]], "\(result.label): stdout is not a JSON array", sourceLocation: sourceLocation)
    }
}

// MARK: - Invented personal data

/// Every personal value the hand-written tests type. All invented: names, numbers and places
/// belong to nobody. Failing commands' stderr is checked against each of them (and their forms
/// without diacritics) by `Harness.checkHygiene`.
enum Invented {
    static let hoa = "Nguyễn Thị Hoà"
    static let hoaPhone = "0912345678"
    static let hoaPassport = "C1234567"
    static let ngocName = "Trần Thị Bích Ngọc"
    static let ngocPhone = "0987650432"
    static let ngocPassport = "N7654321"
    static let ngocIDNumber = "001190099123"
    static let ngocOtherName = "Kim Bích Ngọc"
    static let ngocEmail = "ngoc.tran.thu.nghiem@example.invalid"
    static let ngocAddress = "Số 47 ngõ Vườn Ổi, xã Thử Nghiệm, Hưng Yên"
    static let ngocSafeContact = "Chỉ gọi sau 18 giờ, xưng là chị họ Thuận"
    static let ngocNote = "Về nước tháng chín, có một con trai ba tuổi tên Đức Ánh."
    static let ngocFileNote = "Đã gặp cán bộ tư pháp xã Thử Nghiệm về trích lục ly hôn."
    static let ngocReason = "Khách hàng đề nghị dừng tạm thời vì chuyển chỗ ở"
    static let ngocReopenReason = "Bà Ngọc liên hệ lại qua đường dây nóng"
    static let maiName = "Phạm Thị Mỹ Duyên"
    static let maiPhone = "0903217654"
    static let maiNewPhone = "0977001122"
    static let lyName = "Đặng Thị Lý"
    static let lyPhone = "0868111333"
    static let thaoName = "Võ Thị Thảo"
    static let thaoPhone = "0399777555"

    static let all: [String] = [
        hoa, hoaPhone, hoaPassport, ngocName, ngocPhone, ngocPassport, ngocIDNumber, ngocOtherName, ngocEmail,
        ngocAddress, ngocSafeContact, ngocNote, ngocFileNote, ngocReason, ngocReopenReason, maiName, maiPhone, maiNewPhone,
        lyName, lyPhone, thaoName, thaoPhone,
    ]

    /// Without diacritics (đ → d), NFC: the form a careless normaliser might store.
    static func stripped(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar {
            case "đ": scalars.append("d")
            case "Đ": scalars.append("D")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Lower-cased and without diacritics, for case-insensitive containment checks.
    static func fold(_ text: String) -> String { stripped(text).lowercased() }

    /// Byte patterns that must not appear in the database files for `value`: NFC and NFD UTF-8,
    /// without diacritics, and lower / upper case of each. (Compared as bytes: Swift's `String`
    /// equality would treat the NFC and NFD forms as one.)
    static func needles(_ value: String) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for form in [value.precomposedStringWithCanonicalMapping, stripped(value)] {
            for variant in [form, form.lowercased(), form.uppercased()] {
                for bytes in [Array(variant.precomposedStringWithCanonicalMapping.utf8), Array(variant.decomposedStringWithCanonicalMapping.utf8)]
                where !out.contains(bytes) {
                    out.append(bytes)
                }
            }
        }
        return out
    }
}

// MARK: - Bytes

extension Data {
    /// Whether `needle` occurs anywhere in these bytes.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            let first = needle[0]
            let last = count - needle.count
            var i = 0
            while i <= last {
                if bytes[i] == first {
                    var j = 1
                    while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension Harness {
    /// A loopback port nobody listens on now: the kernel picks it (bind to port 0), so servers
    /// started by tests running in parallel never collide.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError(description: "no free loopback port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw HarnessError(description: "no free loopback port") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { throw HarnessError(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
