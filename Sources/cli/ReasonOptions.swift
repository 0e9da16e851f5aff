import ArgumentParser
import Cases

/// `--reason` and `--fields-from` for the commands that record why (close, reopen, decline a
/// closure, transfer): a reason is sealed, personal text, so argv works but warns
/// (SECURITY.md, argv rules) and a document or standard input is the way to give it.
struct ReasonOptions: ParsableArguments {
    @Option(help: "Why (prefer --fields-from).") var reason: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `reason` (- for standard input).") var fieldsFrom: String?

    func resolved(_ context: Context) throws -> PersonalText? {
        var input = try PersonalInput(fieldsFrom, allowed: ["reason"], context: context)
        return try input.text("reason", argv: reason).map(PersonalText.init)
    }
}

/// `--note` and `--fields-from` for a note that goes with a step (a reviewer's approval, a
/// counsellor's resubmission): sealed like a reason, so argv warns.
struct NoteOptions: ParsableArguments {
    @Option(help: "A note (prefer --fields-from).") var note: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `note` (- for standard input).") var fieldsFrom: String?

    func resolved(_ context: Context) throws -> PersonalText? {
        var input = try PersonalInput(fieldsFrom, allowed: ["note"], context: context)
        return try input.text("note", argv: note).map(PersonalText.init)
    }
}
