import ArgumentParser
import Cases
import Views

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Staff accounts, keyslots and key grants.",
        subcommands: [Add.self, Grant.self, Passwd.self, Remove.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; she receives the keys her role needs from you or the recovery key.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name (lower-case handle).") var name: String
        @Option(help: "counsellor, manager, central, statistician or admin.") var role: Role
        @Option(help: "Centre code (counsellors and managers).") var centre: String?
        @Option(help: "Recovery key file, to pass keys the acting user does not hold.") var recoveryKeyFile: String?

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                let recovery = try recoveryKeyFile.map(RecoveryKey.read(file:))
                let (store, session) = try context.unlock()
                let passphrase = try context.newPassphrase(for: name, policy: policy)
                let change = try store.addUser(session, name: name, role: role, centre: centre, passphrase: passphrase,
                                               security: policy.security, recovery: recovery)
                report(context, change, added: true)
            }
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a user the keys her role needs.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option(help: "Recovery key file (admins).") var recoveryKeyFile: String?

        func run() throws {
            let context = Context(global)
            try context.run {
                let recovery = try recoveryKeyFile.map(RecoveryKey.read(file:))
                let (store, session) = try context.unlock()
                let change = try store.grantAccess(session, to: name, recovery: recovery)
                report(context, change, added: false)
            }
        }
    }

    struct Passwd: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change your passphrase; an admin naming another user resets hers (she then needs new grants).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String?

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let target = name ?? session.user
            let passphrase = try context.newPassphrase(for: target, policy: policy)
            try store.setPassphrase(session, of: target, to: passphrase, security: policy.security)
            if global.json { try context.emit(["user": target]) } else { context.say(.passphraseChanged(target)) }
        }
    }

    struct Remove: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user: her keyslot is destroyed.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let removed = try store.removeUser(session, name: name)
            if global.json { try context.emit(["removed": name]) } else { context.say(.userRemoved(name)) }
            if let centre = removed.centre, !global.json { context.say(.rotateAfterRemoval(centre)) }
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List users you may manage.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let users = try store.users(session)
            if global.json { try context.emit(users); return }
            for user in users {
                let state = Text.field(user.active ? .active : .removed).text(context.lang)
                print("\(user.name)\t\(user.role.rawValue)\t\(user.centre ?? "-")\t\(state)")
            }
        }
    }
}

private struct AccessJSON: Encodable {
    let user: String
    let granted: [String]
    let missing: [String]
}

private func report(_ context: Context, _ change: AccessChange, added: Bool) {
    if context.json {
        try? context.emit(AccessJSON(user: change.user, granted: change.granted, missing: change.missing))
        return
    }
    if added { context.say(.userAdded(change.user)) }
    if !change.granted.isEmpty {
        context.say(.accessGranted(change.user, change.granted))
        if !added { context.say(.pendingGrant(change.user)) }
    }
    if !change.missing.isEmpty { context.say(.accessMissing(change.missing)) }
}
