import ArgumentParser
import Cases
import Views
import Foundation

struct CaseUpdateCommand: PreparedCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change fields of a case and its person; lists change by --add-… and --remove-….")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @OptionGroup var fields: CaseFieldOptions
    @Option(name: .customLong("add-need"), help: "Add a need code (repeatable).") var addNeeds: [String] = []
    @Option(name: .customLong("remove-need"), help: "Remove a need code (repeatable).") var removeNeeds: [String] = []
    @Option(name: .customLong("add-phone"), help: "Add a phone number (repeatable; prefer --fields-from).") var addPhones: [String] = []
    @Option(name: .customLong("remove-phone"), help: "Remove a phone number (repeatable; prefer --fields-from).") var removePhones: [String] = []
    @Option(name: .customLong("add-other-name"), help: "Add another name (repeatable; prefer --fields-from).") var addOtherNames: [String] = []
    @Option(name: .customLong("remove-other-name"), help: "Remove another name (repeatable; prefer --fields-from).") var removeOtherNames: [String] = []

    static let listKeys: Set<String> = ["add-phone", "remove-phone", "add-other-name", "remove-other-name"]

    func prepare(_ context: Context) throws -> CaseUpdate {
        // A plain list flag would replace the whole list: refused, with the flags that edit it.
        for (flag, given) in [("need", !fields.needs.isEmpty), ("phone", !fields.phones.isEmpty), ("other-name", !fields.otherNames.isEmpty)] where given {
            throw CommandLineError.wholeListOnUpdate(flag)
        }
        var update = CaseUpdate()
        var input = try PersonalInput(fields.fieldsFrom, allowed: CaseFieldOptions.personalFlags.union(Self.listKeys), context: context)
        let personal = try fields.resolved(&input)
        if !personal.person.phones.isEmpty { throw CommandLineError.wholeListOnUpdate("phone") }
        if !personal.person.otherNames.isEmpty { throw CommandLineError.wholeListOnUpdate("other-name") }
        (update.person, update.safeContact, update.note) = (personal.person, personal.safeContact, personal.note)
        (update.originProvince, update.destination, update.migration, update.risk) = (fields.originProvince, fields.destination, fields.migration, fields.risk)
        update.needs = ListEdit(add: addNeeds, remove: removeNeeds)
        update.phones = ListEdit(add: try input.list("add-phone", argv: addPhones).map(PersonalText.init),
                                 remove: try input.list("remove-phone", argv: removePhones).map(PersonalText.init))
        update.otherNames = ListEdit(add: try input.list("add-other-name", argv: addOtherNames).map(PersonalText.init),
                                     remove: try input.list("remove-other-name", argv: removeOtherNames).map(PersonalText.init))
        return update
    }

    func run(_ work: Work, _ update: CaseUpdate) throws {
        try work.store.updateCase(work.session, policy: work.policy(), caseID: id, update: update)
        try work.answer(["id": id], saying: .caseUpdated(id))
    }
}

struct CaseNote: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a sealed note to a case.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "The note (prefer --file or --fields-from: the command line is readable by other users).") var text: String?
    @Option(help: "Read the note from a file.") var file: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `text` (- for standard input).") var fieldsFrom: String?

    func validate() throws {
        guard [text != nil, file != nil, fieldsFrom != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("Give exactly one of --text, --file or --fields-from.")
        }
    }

    func prepare(_ context: Context) throws -> PersonalText {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandLineError.fileNotFound("--file") }
            guard let body = String(data: data, encoding: .utf8) else { throw CaunoiError.malformedFile("note") }
            return PersonalText(body)
        }
        var input = try PersonalInput(fieldsFrom, allowed: ["text"], context: context)
        return PersonalText(try input.text("text", argv: text) ?? "")
    }

    func run(_ work: Work, _ note: PersonalText) throws {
        try work.store.addNote(work.session, caseID: id, text: note)
        try work.answer(["id": id], saying: .noteAdded(id))
    }
}

struct CaseAssign: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign a case to a colleague of the same centre.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option var to: String

    func run(_ work: Work) throws {
        try work.store.assign(work.session, caseID: id, to: to)
        try work.answer(["id": id], saying: .caseAssigned(id, to))
    }
}

struct CaseClose: PreparedCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a case with an outcome code; a high-risk case, or one with referrals waiting, needs a manager (--request asks one).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option var outcome: String
    /// Why: required when a manager approves a closure, and for --request.
    @OptionGroup var why: ReasonOptions
    @Flag(help: "Ask a manager to approve the closure instead of closing.") var request = false

    func prepare(_ context: Context) throws -> PersonalText? { try why.resolved(context) }

    func run(_ work: Work, _ reason: PersonalText?) throws {
        if request {
            guard let reason else { throw CaunoiError.missing(.reason) }
            try work.store.requestClosure(work.session, policy: work.policy(), caseID: id, outcome: outcome, reason: reason)
            return try work.answer(["id": id], saying: .closureRequested(id))
        }
        try work.store.close(work.session, policy: work.policy(), caseID: id, outcome: outcome, reason: reason)
        try work.answer(["id": id], saying: .caseClosed(id))
    }
}

struct CaseReopen: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed case, with a reason.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @OptionGroup var why: ReasonOptions

    func prepare(_ context: Context) throws -> PersonalText? { try why.resolved(context) }

    func run(_ work: Work, _ reason: PersonalText?) throws {
        try work.store.reopen(work.session, caseID: id, reason: reason ?? PersonalText(""))
        try work.answer(["id": id], saying: .caseReopened(id))
    }
}

struct CaseImportCommand: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Bulk intake from CSV or JSONL, all or nothing.")
    @OptionGroup var global: GlobalOptions
    @Argument var file: String
    @Option var format: ImportFormat?
    @Flag(name: .customLong("dry-run"), help: "Check every row; write nothing.") var dryRun = false
    @Flag(help: "Import a file that was imported into this centre before (refused otherwise).") var again = false

    func prepare(_ context: Context) throws -> (Policy, Data) {
        let policy = try context.loadPolicy()
        guard let data = FileManager.default.contents(atPath: file) else { throw CaunoiError.fileNotFound(.importFile) }
        return (policy, data)
    }

    func run(_ work: Work, _ input: (Policy, Data)) throws {
        let showProgress = Terminal.stderrIsTTY && !global.json
        let summary = try work.store.importCases(work.session, policy: input.0, data: input.1, format: format ?? .guess(path: file),
                                                 dryRun: dryRun, again: again) { done, total in
            guard showProgress, total >= 500, done % 250 == 0 || done == total else { return }
            FileHandle.standardError.write(Data(("\r" + Text.importProgress(done, total).text(work.context.lang)).utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
        try work.answer(["imported": summary.imported, "persons": summary.persons],
                        saying: dryRun ? .importChecked(summary.imported, summary.persons) : .imported(summary.imported, summary.persons))
    }
}
