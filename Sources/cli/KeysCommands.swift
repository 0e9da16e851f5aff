import ArgumentParser
import Cases

/// Key lifecycle: rotating a centre key, and regaining access with the recovery key.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Rotate a centre key; recover access with the recovery key.",
        subcommands: [Rotate.self, Recover.self])

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-wrap a centre's data keys under a new centre key version (a manager of the centre, or an admin with the recovery key).",
            discussion: "Run it after removing a user: her old keys then open nothing created or re-wrapped later.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Centre code.") var centre: String
        @Option(help: "Recovery key file (admins).") var recoveryKeyFile: String?

        func run() throws {
            let context = Context(global)
            try context.run {
                let recovery = try recoveryKeyFile.map(RecoveryKey.read(file:))
                let (store, session) = try context.unlock()
                let rotation = try store.rotateCentreKey(session, centre: centre, recovery: recovery)
                if global.json {
                    print(JSONValue.object(["centre": .string(rotation.centre), "version": .int(rotation.version),
                                            "rewrapped": .int(rotation.rewrapped),
                                            "granted_to": .array(rotation.grantedTo.map(JSONValue.string))]).canonical)
                } else {
                    context.say(.keysRotated(rotation.centre, rotation.version, rotation.rewrapped, rotation.grantedTo))
                }
            }
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A user who lost her passphrase gets a new keyslot from the recovery key (new passphrase from CAUNOI_NEW_PASSPHRASE or typed twice).",
            discussion: "--user names the user who is recovering; no old passphrase is asked.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Recovery key file.") var recoveryKeyFile: String

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                let recovery = try RecoveryKey.read(file: recoveryKeyFile)
                let user = try context.userName()
                let store = try context.openStore()
                let passphrase = try context.newPassphrase(for: user, policy: policy)
                let change = try store.recoverAccess(user: user, recovery: recovery, passphrase: passphrase,
                                                     parameters: policy.security.argon2id)
                if global.json {
                    print(JSONValue.object(["user": .string(change.user), "granted": .array(change.granted.map(JSONValue.string)),
                                            "missing": .array(change.missing.map(JSONValue.string))]).canonical)
                } else {
                    context.say(.accessRecovered(change.user, change.granted))
                }
            }
        }
    }
}
