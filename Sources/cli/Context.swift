import ArgumentParser
import Cases
import Views
import CaunoiCrypto
import Foundation

/// What one command run needs: resolved options, language, policy, store and session.
/// Also the single place where failures become one line on stderr and an exit code.
struct Context {
    let db: String?
    let user: String?
    let policy: String?
    let json: Bool
    let environment = ProcessInfo.processInfo.environment
    let lang: Language

    init(_ options: GlobalOptions) {
        self.init(db: options.db, user: options.user, policy: options.policy, json: options.json, lang: options.lang)
    }

    init(db: String?, user: String?, policy: String?, json: Bool, lang: String?) {
        self.db = db
        self.user = user
        self.policy = policy
        self.json = json
        self.lang = Language.resolve(option: lang, environment: ProcessInfo.processInfo.environment)
    }

    var databasePath: String { db ?? environment["CAUNOI_DB"] ?? "caunoi.db" }

    func userName() throws -> String {
        guard let user = user ?? environment["CAUNOI_USER"], !user.isEmpty else {
            throw CommandLineError.missingFlag("--user")
        }
        return user
    }

    /// `--policy`, `CAUNOI_POLICY`, else the shipped folder (`Policy.locate`).
    func policyDirectory() -> URL { Policy.locate(explicit: policy ?? environment["CAUNOI_POLICY"]) }

    /// The policy folder, read and checked once per process however many times a command asks.
    func loadPolicy() throws -> Policy {
        if let loaded = loadedPolicy.value { return loaded }
        let policy = try Policy.load(from: policyDirectory())
        loadedPolicy.value = policy
        return policy
    }

    private let loadedPolicy = LoadedPolicy()

    func openStore(create: Bool = false) throws -> CaseStore { try CaseStore.open(path: databasePath, create: create) }

    /// The acting user's passphrase: `CAUNOI_PASSPHRASE`, else a no-echo prompt, else refuse.
    func passphrase(for user: String) throws -> SecureBytes {
        if let value = environment["CAUNOI_PASSPHRASE"] { return SecureBytes(utf8: value) }
        guard let typed = Terminal.readSecret(prompt: Text.promptPassphrase(user).text(lang)) else { throw CommandLineError.noPassphrase }
        return typed
    }

    /// A new passphrase: `CAUNOI_NEW_PASSPHRASE`, else typed twice on the terminal. Its length
    /// is checked by the core, where the passphrase is used.
    func newPassphrase(for user: String) throws -> SecureBytes {
        let value: SecureBytes
        if let env = environment["CAUNOI_NEW_PASSPHRASE"] {
            value = SecureBytes(utf8: env)
        } else {
            guard let first = Terminal.readSecret(prompt: Text.promptNewPassphrase(user).text(lang)),
                  let second = Terminal.readSecret(prompt: Text.promptRepeat.text(lang)) else { throw CommandLineError.noPassphrase }
            guard first == second else { throw CaunoiError.passphraseMismatch }
            value = first
        }
        return value
    }

    /// Opens the store and unlocks the acting user.
    func unlock() throws -> (CaseStore, Session) {
        let user = try userName()
        let store = try openStore()
        let session = try store.unlock(user: user, passphrase: passphrase(for: user))
        if !session.rejectedGrants.isEmpty { warn(.grantsRejected(session.rejectedGrants)) }
        if let root = session.newlyPinnedRoot { warn(.rootPinned(root)) }
        return (store, session)
    }

    func say(_ text: Text) {
        print(text.text(lang))
    }

    func warn(_ text: Text) {
        FileHandle.standardError.write(Data((text.text(lang) + "\n").utf8))
    }

    /// Prints one JSON document.
    func emit<T: Encodable>(_ value: T) throws {
        let data = try JSONOutput.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Runs a command body; any failure becomes one line on stderr and its sysexits code.
    /// Nothing else is printed: no stack trace, no SQL, no personal data.
    func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CaunoiError {
            throw report(FailureReport.message(error, lang), FailureReport.exitCode(error))
        } catch let error as CommandLineError {
            throw report(error.message(lang), error.exitCode)
        } catch let error as ExitCode {
            throw error
        } catch {
            let error = CaunoiError.internalError(String(describing: type(of: error)))
            throw report(FailureReport.message(error, lang), FailureReport.exitCode(error))
        }
    }

    private func report(_ message: String, _ code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data(("caunoi: " + message + "\n").utf8))
        return ExitCode(code)
    }
}

/// Holds the policy once it is read; a command runs on one thread, so no lock is needed.
private final class LoadedPolicy {
    var value: Policy?
}
