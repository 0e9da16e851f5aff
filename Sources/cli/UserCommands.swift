import ArgumentParser
import Cases
import Views

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Staff accounts, keyslots and key grants.",
        subcommands: [Add.self, Grant.self, Passwd.self, Remove.self, List.self])

    struct Add: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; she receives the keys her role needs from you or the recovery key.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name (lower-case handle).") var name: String
        @Option(help: "counsellor, manager, central, statistician or admin.") var role: Role
        @Option(help: "Centre code (counsellors and managers).") var centre: String?
        @Option(help: "Recovery key file, to pass keys the acting user does not hold.") var recoveryKeyFile: String?

        func prepare(_ context: Context) throws -> (Policy, RecoveryKey?) {
            (try context.loadPolicy(), try recoveryKeyFile.map(RecoveryKey.read(file:)))
        }

        func run(_ work: Work, _ input: (Policy, RecoveryKey?)) throws {
            let passphrase = try work.context.newPassphrase(for: name)
            let change = try work.store.addUser(work.session, name: name, role: role, centre: centre, passphrase: passphrase,
                                                security: input.0.security, recovery: input.1)
            try report(work, change, added: true)
        }
    }

    struct Grant: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Give a user the keys her role needs.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option(help: "Recovery key file (admins).") var recoveryKeyFile: String?

        func prepare(_ context: Context) throws -> RecoveryKey? { try recoveryKeyFile.map(RecoveryKey.read(file:)) }

        func run(_ work: Work, _ recovery: RecoveryKey?) throws {
            try report(work, try work.store.grantAccess(work.session, to: name, recovery: recovery), added: false)
        }
    }

    struct Passwd: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change your passphrase; an admin naming another user resets hers (she then needs new grants).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String?

        func run(_ work: Work) throws {
            let target = name ?? work.session.user
            let passphrase = try work.context.newPassphrase(for: target)
            try work.store.setPassphrase(work.session, of: target, to: passphrase, security: work.policy().security)
            try work.answer(["user": target], saying: .passphraseChanged(target))
        }
    }

    struct Remove: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user: her keyslot is destroyed.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String

        func run(_ work: Work) throws {
            let removed = try work.store.removeUser(work.session, name: name)
            try work.answer(["removed": name], text: {
                work.context.say(.userRemoved(name))
                if let centre = removed.centre { work.context.say(.rotateAfterRemoval(centre)) }
            })
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List users you may manage.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let users = try work.store.users(work.session)
            try work.answer(users, lines: {
                let labels = try work.labels()
                return users.map { user in
                    let state = Text.field(user.active ? .active : .removed).text(labels.lang)
                    return [user.name, labels.role(user.role), user.centre ?? "-", state].joined(separator: "\t")
                }
            })
        }
    }
}

/// Which keys she now holds and which are still missing (`user add`, `user grant`, `keys recover`).
private func report(_ work: Work, _ change: AccessChange, added: Bool) throws {
    let context = work.context
    if context.json { return try context.emit(AccessJSON(change)) }
    if added { context.say(.userAdded(change.user)) }
    if !change.granted.isEmpty {
        context.say(.accessGranted(change.user, change.granted))
        if !added { context.say(.pendingGrant(change.user)) }
    }
    if !change.missing.isEmpty { context.say(.accessMissing(change.missing)) }
}
