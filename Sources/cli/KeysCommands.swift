import ArgumentParser
import Cases
import Views

/// Key lifecycle: rotating a centre key, and regaining access with the recovery key.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Rotate a centre key; recover access with the recovery key; certify an upgraded database.",
        subcommands: [Rotate.self, Recover.self, Certify.self])

    struct Certify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Once, after upgrading a database made before certificates: an admin with the recovery key certifies its keys and accounts.",
            discussion: """
                Checks what the file can confirm (recovery, central and centre keys), certifies every account as the file lists it, \
                gives each centre an index key of its own and rebuilds the blind indexes. Review the accounts it prints, and announce \
                the trust-root fingerprint to every user (docs/SECURITY.md, "Upgrading").
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Recovery key file.") var recoveryKeyFile: String

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                let recovery = try RecoveryKey.read(file: recoveryKeyFile)
                let user = try context.userName()
                let store = try context.openStore()
                let done = try store.certifyDeployment(admin: user, passphrase: context.passphrase(for: user), recovery: recovery, policy: policy)
                if global.json {
                    print(JSONValue.object([
                        "root_fingerprint": .string(done.rootFingerprint), "centre_versions": .int(done.centreVersions),
                        "pending_grants": .int(done.pendingGrants),
                        "accounts": .array(done.accounts.map { account in
                            .object(["name": .string(account.name), "role": .string(account.role.rawValue),
                                     "centre": account.centre.map(JSONValue.string) ?? .null, "active": .bool(account.active)])
                        }),
                    ]).canonical)
                } else {
                    context.say(.deploymentCertified(root: done.rootFingerprint, accounts: done.accounts.count,
                                                     centreVersions: done.centreVersions, pendingGrants: done.pendingGrants))
                    for account in done.accounts {
                        context.say(.certifiedAccount(name: account.name, role: account.role.rawValue, centre: account.centre, active: account.active))
                    }
                }
            }
        }
    }

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
                                                     security: policy.security)
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
