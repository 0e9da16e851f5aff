import ArgumentParser
import Cases
import Views
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new database with its admin, central review key and recovery key.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Name of the administrator account.") var admin: String
    @Option(help: "Write the recovery key to this file (mode 0600) instead of printing it.") var recoveryOut: String?

    func run() throws {
        let context = Context(global)
        try context.run {
            let policy = try context.loadPolicy()
            if let out = recoveryOut, FileManager.default.fileExists(atPath: out) { throw CaunoiError.cannotCreate(.recoveryOutput) }
            let passphrase = try context.newPassphrase(for: admin)
            let store = try context.openStore(create: true)
            // The recovery file is written (and synced) before the deployment commits; if the
            // commit then fails, the file goes too, so a retry starts clean.
            var written = false
            let recovery: RecoveryKey
            do {
                recovery = try store.initialise(admin: admin, passphrase: passphrase, security: policy.security) { key in
                    guard let out = recoveryOut else { return }
                    try OwnerOnlyFile.create(atPath: out, contents: key.text.bytes + [10], what: .recoveryOutput)
                    written = true
                }
            } catch {
                if written, let out = recoveryOut { try? FileManager.default.removeItem(atPath: out) }
                throw error
            }
            if let out = recoveryOut {
                if global.json { try context.emit(["admin": admin, "recovery_key_file": out]) } else {
                    context.say(.initialised(admin: admin))
                    context.say(.recoveryKeyWritten(out))
                }
            } else if global.json {
                try context.emit(["admin": admin, "recovery_key": recovery.text.utf8String])
            } else {
                context.say(.initialised(admin: admin))
                context.say(.recoveryKeyOnce)
                print(recovery.text.utf8String)
            }
        }
    }
}
