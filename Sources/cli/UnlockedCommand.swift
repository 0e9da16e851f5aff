import ArgumentParser
import Cases

/// The one shape of a command that acts as a user: options parsed, the user unlocked, the work
/// done, any failure reported once as one line and an exit code (`Context.run`). A command
/// says only what it does with `Work`.
protocol UnlockedCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func run(_ work: Work) throws
}

extension UnlockedCommand {
    func run() throws {
        let context = Context(global)
        try context.run {
            let (store, session) = try context.unlock()
            try run(Work(context: context, store: store, session: session))
        }
    }
}

/// What a command works with once its user is unlocked.
struct Work {
    let context: Context
    let store: CaseStore
    let session: Session

    /// The policy folder, read when the command needs it.
    func policy() throws -> Policy { try context.loadPolicy() }
}
