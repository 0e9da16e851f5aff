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
            try RecoveryKeyAction.run(global, keyFile: recoveryKeyFile) { action in
                let done = try action.store.certifyDeployment(admin: action.user, passphrase: action.context.passphrase(for: action.user),
                                                              recovery: action.recovery, policy: action.policy)
                try action.answer(CertifiedJSON(done)) {
                    action.context.say(.deploymentCertified(root: done.rootFingerprint, accounts: done.accounts.count,
                                                            centreVersions: done.centreVersions, pendingGrants: done.pendingGrants))
                    let labels = CodeLabels(policy: action.policy, lang: action.context.lang)
                    for account in done.accounts {
                        action.context.say(.certifiedAccount(name: account.name, role: labels.role(account.role), centre: account.centre,
                                                             active: account.active))
                    }
                }
            }
        }
    }

    struct Rotate: PreparedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-wrap a centre's data keys under a new centre key version (a manager of the centre, or an admin with the recovery key).",
            discussion: "Run it after removing a user: her old keys then open nothing created or re-wrapped later.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Centre code.") var centre: String
        @Option(help: "Recovery key file (admins).") var recoveryKeyFile: String?

        func prepare(_ context: Context) throws -> RecoveryKey? { try recoveryKeyFile.map(RecoveryKey.read(file:)) }

        func run(_ work: Work, _ recovery: RecoveryKey?) throws {
            let rotation = try work.store.rotateCentreKey(work.session, centre: centre, recovery: recovery)
            try work.answer(RotationJSON(rotation), saying: .keysRotated(rotation.centre, rotation.version, rotation.rewrapped, rotation.grantedTo))
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A user who lost her passphrase gets a new keyslot from the recovery key (new passphrase from CAUNOI_NEW_PASSPHRASE or typed twice).",
            discussion: "--user names the user who is recovering; no old passphrase is asked.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Recovery key file.") var recoveryKeyFile: String

        func run() throws {
            try RecoveryKeyAction.run(global, keyFile: recoveryKeyFile) { action in
                let passphrase = try action.context.newPassphrase(for: action.user)
                let change = try action.store.recoverAccess(user: action.user, recovery: action.recovery, passphrase: passphrase,
                                                            security: action.policy.security)
                try action.answer(AccessJSON(change)) { action.context.say(.accessRecovered(change.user, change.granted)) }
            }
        }
    }
}

/// What the commands that act with the recovery key instead of a session read first: the
/// policy, the key file, the acting user's name and the store.
private struct RecoveryKeyAction {
    let context: Context
    let policy: Policy
    let recovery: RecoveryKey
    let user: String
    let store: CaseStore

    static func run(_ global: GlobalOptions, keyFile: String, _ body: (RecoveryKeyAction) throws -> Void) throws {
        let context = Context(global)
        try context.run {
            try body(RecoveryKeyAction(context: context, policy: try context.loadPolicy(), recovery: try RecoveryKey.read(file: keyFile),
                                       user: try context.userName(), store: try context.openStore()))
        }
    }

    func answer<J: Encodable>(_ json: J, text: () throws -> Void) throws {
        if context.json { try context.emit(json) } else { try text() }
    }
}
