import ArgumentParser
import Cases

/// `--reason` and `--fields-from` for the commands that record why (close, reopen, decline a
/// closure, transfer): a reason is sealed, personal text, so argv works but warns
/// (SECURITY.md, argv rules) and a document or standard input is the way to give it.
struct ReasonOptions: ParsableArguments {
    @Option(help: "Why (prefer --fields-from).") var reason: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `reason` (- for standard input).") var fieldsFrom: String?

    func resolved(_ context: Context) throws -> PersonalText? {
        try PersonalInput.single("reason", argv: reason, fieldsFrom: fieldsFrom, context: context)
    }
}

/// `--note` and `--fields-from` for a note that goes with a step (a reviewer's approval, a
/// counsellor's resubmission): sealed like a reason, so argv warns.
struct NoteOptions: ParsableArguments {
    @Option(help: "A note (prefer --fields-from).") var note: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `note` (- for standard input).") var fieldsFrom: String?

    func resolved(_ context: Context) throws -> PersonalText? {
        try PersonalInput.single("note", argv: note, fieldsFrom: fieldsFrom, context: context)
    }
}

extension PersonalInput {
    /// The one personal text a command takes (a reason, a note), from argv (warned) or its document.
    static func single(_ key: String, argv: String?, fieldsFrom: String?, context: Context) throws -> PersonalText? {
        var input = try PersonalInput(fieldsFrom, allowed: [key], context: context)
        return try input.text(key, argv: argv).map(PersonalText.init)
    }
}
