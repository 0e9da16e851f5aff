import ArgumentParser
import Cases
import Views

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

/// The same shape for a command that first reads something of its own (a file, personal fields,
/// a recovery key): bad input fails before the passphrase is asked and Argon2id runs.
protocol PreparedCommand: ParsableCommand {
    associatedtype Input
    var global: GlobalOptions { get }
    func prepare(_ context: Context) throws -> Input
    func run(_ work: Work, _ input: Input) throws
}

extension PreparedCommand {
    func run() throws {
        let context = Context(global)
        try context.run {
            let input = try prepare(context)
            let (store, session) = try context.unlock()
            try run(Work(context: context, store: store, session: session), input)
        }
    }
}

/// What a command works with once its user is unlocked, and the two ways it answers: the JSON
/// document `--json` asks for, or text in the user's language.
struct Work {
    let context: Context
    let store: CaseStore
    let session: Session

    /// The policy folder, read when the command needs it.
    func policy() throws -> Policy { try context.loadPolicy() }

    /// Code labels in the user's language, from the policy folder.
    func labels() throws -> CodeLabels { CodeLabels(policy: try policy(), lang: context.lang) }

    /// Answers with `json` under `--json`, else runs `text`.
    func answer<J: Encodable>(_ json: @autoclosure () throws -> J, text: () throws -> Void) throws {
        if context.json { try context.emit(json()) } else { try text() }
    }

    /// Answers with a canonical JSON tree under `--json` (records whose absent fields are `null`),
    /// else runs `text`.
    func answer(tree json: @autoclosure () throws -> JSONValue, text: () throws -> Void) throws {
        if context.json { print(try json().canonical) } else { try text() }
    }

    /// Answers with `json` under `--json`, else says one catalogue line.
    func answer<J: Encodable>(_ json: @autoclosure () throws -> J, saying line: @autoclosure () throws -> Text) throws {
        try answer(json(), text: { context.say(try line()) })
    }

    /// Answers with `json` under `--json`, else prints `lines`.
    func answer<J: Encodable>(_ json: @autoclosure () throws -> J, lines: () throws -> [String]) throws {
        try answer(json(), text: { print(try lines().joined(separator: "\n")) })
    }
}
