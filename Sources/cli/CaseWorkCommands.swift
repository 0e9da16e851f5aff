import ArgumentParser
import Cases
import Views
import Foundation

struct CaseUpdateCommand: ParsableCommand {
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

    func run() throws {
        let context = Context(global)
        try context.run {
            // A plain list flag would replace the whole list: refused, with the flags that edit it.
            for (flag, given) in [("need", !fields.needs.isEmpty), ("phone", !fields.phones.isEmpty), ("other-name", !fields.otherNames.isEmpty)] where given {
                throw CommandLineError.wholeListOnUpdate(flag)
            }
            let policy = try context.loadPolicy()
            var update = CaseUpdate()
            var input = try PersonalInput(fields.fieldsFrom, allowed: CaseFieldOptions.personalFlags.union(Self.listKeys), context: context)
            let personal = try fields.resolved(&input)
            if !personal.person.phones.isEmpty { throw CommandLineError.wholeListOnUpdate("phone") }
            if !personal.person.otherNames.isEmpty { throw CommandLineError.wholeListOnUpdate("other-name") }
            update.person = personal.person
            update.originProvince = fields.originProvince
            update.destination = fields.destination
            update.migration = fields.migration
            update.needs = ListEdit(add: addNeeds, remove: removeNeeds)
            update.phones = ListEdit(add: try input.list("add-phone", argv: addPhones).map(PersonalText.init),
                                     remove: try input.list("remove-phone", argv: removePhones).map(PersonalText.init))
            update.otherNames = ListEdit(add: try input.list("add-other-name", argv: addOtherNames).map(PersonalText.init),
                                         remove: try input.list("remove-other-name", argv: removeOtherNames).map(PersonalText.init))
            update.risk = fields.risk
            update.safeContact = personal.safeContact
            update.note = personal.note
            let (store, session) = try context.unlock()
            try store.updateCase(session, policy: policy, caseID: id, update: update)
            try confirm(context, .caseUpdated(id), id: id)
        }
    }
}

struct CaseNote: ParsableCommand {
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

    func run() throws {
        let context = Context(global)
        try context.run {
            let note: PersonalText
            if let file {
                guard let data = FileManager.default.contents(atPath: file) else { throw CommandLineError.fileNotFound("--file") }
                guard let body = String(data: data, encoding: .utf8) else { throw CaunoiError.malformedFile("note") }
                note = PersonalText(body)
            } else {
                var input = try PersonalInput(fieldsFrom, allowed: ["text"], context: context)
                note = PersonalText(try input.text("text", argv: text) ?? "")
            }
            let (store, session) = try context.unlock()
            try store.addNote(session, caseID: id, text: note)
            try confirm(context, .noteAdded(id), id: id)
        }
    }
}

struct CaseAssign: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign a case to a colleague of the same centre.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option var to: String

    func run(_ work: Work) throws {
        let (context, store, session) = (work.context, work.store, work.session)
        try store.assign(session, caseID: id, to: to)
        try confirm(context, .caseAssigned(id, to), id: id)
    }
}

struct CaseClose: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a case with an outcome code.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option var outcome: String
    @Option var reason: String?

    func run(_ work: Work) throws {
        let (context, store, session) = (work.context, work.store, work.session)
        let policy = try work.policy()
        try store.close(session, policy: policy, caseID: id, outcome: outcome, reason: reason.map(PersonalText.init))
        try confirm(context, .caseClosed(id), id: id)
    }
}

struct CaseReopen: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed case, with a reason.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option var reason: String

    func run(_ work: Work) throws {
        let (context, store, session) = (work.context, work.store, work.session)
        try store.reopen(session, caseID: id, reason: PersonalText(reason))
        try confirm(context, .caseReopened(id), id: id)
    }
}

/// Human confirmation or `{"id": ...}` for the workflow commands.
private func confirm(_ context: Context, _ text: Text, id: String) throws {
    if context.json { try context.emit(["id": id]) } else { context.say(text) }
}

struct CaseImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Bulk intake from CSV or JSONL, all or nothing.")
    @OptionGroup var global: GlobalOptions
    @Argument var file: String
    @Option var format: ImportFormat?
    @Flag(name: .customLong("dry-run"), help: "Check every row; write nothing.") var dryRun = false
    @Flag(help: "Import a file that was imported into this centre before (refused otherwise).") var again = false

    func run() throws {
        let context = Context(global)
        try context.run {
            let policy = try context.loadPolicy()
            guard let data = FileManager.default.contents(atPath: file) else { throw CaunoiError.fileNotFound(.importFile) }
            let (store, session) = try context.unlock()
            let showProgress = Terminal.stderrIsTTY && !global.json
            let summary = try store.importCases(session, policy: policy, data: data, format: format ?? .guess(path: file),
                                                dryRun: dryRun, again: again) { done, total in
                guard showProgress, total >= 500, done % 250 == 0 || done == total else { return }
                FileHandle.standardError.write(Data(("\r" + Text.importProgress(done, total).text(context.lang)).utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
            if global.json {
                try context.emit(["imported": summary.imported, "persons": summary.persons])
            } else {
                context.say(dryRun ? .importChecked(summary.imported, summary.persons) : .imported(summary.imported, summary.persons))
            }
        }
    }
}
