import CaunoiCrypto
import Foundation
@testable import Cases

/// A temporary deployment: one admin, two centres, a manager and counsellor in the first, a
/// manager in the second, a statistician and a central officer. Argon2id runs at its minimum
/// limits here only to keep the suite fast; the product reads its limits from policy.
struct Fixture {
    let directory: URL
    let store: CaseStore
    let policy: Policy
    let recovery: RecoveryKey
    static let fast = Argon2idParameters.minimum
    static let security = SecuritySettings(argon2id: fast, minimumPassphraseLength: 12)

    static var policyDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("policy")
    }

    static func passphrase(_ user: String) -> SecureBytes { SecureBytes(utf8: "passphrase of \(user)") }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("caunoi-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        policy = try Policy.load(from: Self.policyDirectory)
        store = try CaseStore.open(path: directory.appendingPathComponent("test.db").path, create: true)
        recovery = try store.initialise(admin: "root", passphrase: Self.passphrase("root"), security: Self.security)
        let admin = try session("root")
        _ = try store.addCentre(admin, code: "HN-OSSO", name: "OSSO Hà Nội", province: "01", kind: .osso)
        _ = try store.addCentre(admin, code: "CT-MC", name: "Cần Thơ", province: "92", kind: .marriage)
        for (name, role, centre) in [("lan", Role.manager, "HN-OSSO"), ("mai", .manager, "CT-MC"), ("thu", .statistician, nil),
                                     ("trung", .central, nil)] as [(String, Role, String?)] {
            _ = try store.addUser(admin, name: name, role: role, centre: centre, passphrase: Self.passphrase(name),
                                  security: Self.security, recovery: recovery)
        }
        _ = try store.addUser(try session("lan"), name: "hoa", role: .counsellor, centre: "HN-OSSO",
                              passphrase: Self.passphrase("hoa"), security: Self.security, recovery: nil)
    }

    func session(_ user: String) throws -> Session {
        try store.unlock(user: user, passphrase: Self.passphrase(user))
    }

    /// Opens a returnee case with invented data as `user`.
    func open(_ name: String, phone: String? = nil, passport: String? = nil, as user: String = "hoa",
              configure: (inout CaseIntake) -> Void = { _ in }) throws -> OpenedCase {
        var intake = CaseIntake(programme: .returnee)
        intake.person.name = PersonalText(name)
        intake.person.phones = phone.map { [PersonalText($0)] } ?? []
        intake.person.passport = passport.map(PersonalText.init)
        configure(&intake)
        return try store.openCase(session(user), policy: policy, intake: intake)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Expects a specific domain error.
func expectError(_ expected: CaunoiError, _ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch let error as CaunoiError {
        return error == expected
    } catch {
        return false
    }
}
