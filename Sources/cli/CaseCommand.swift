import ArgumentParser
import Cases
import Views

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Open, read, search and work cases.",
        subcommands: [CaseOpen.self, CaseShow.self, CaseList.self, CaseFind.self, CaseUpdateCommand.self,
                      CaseNote.self, CaseAssign.self, CaseClose.self, CaseReopen.self, CaseImportCommand.self])
}

struct CaseOpen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a case for a new or existing person.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "marriage, returnee or association.") var programme: Programme
    @OptionGroup var fields: CaseFieldOptions
    @Option(help: "Existing person id (a further case for her).") var person: String?
    @Option(help: "Association id: a support request (programme association) or a member's case.") var association: String?
    @Option(help: "What an association asks for (programme association; policy/codes/support-requests.yaml).") var request: String?

    func run() throws {
        let context = Context(global)
        try context.run {
            let policy = try context.loadPolicy()
            var intake = CaseIntake(programme: programme)
            let personal = try fields.resolved(context)
            intake.person = personal.person
            intake.existingPersonID = person
            intake.originProvince = fields.originProvince
            intake.destination = fields.destination
            intake.migration = fields.migration
            intake.needs = fields.needs
            intake.risk = fields.risk
            intake.safeContact = personal.safeContact
            intake.note = personal.note
            intake.associationID = association
            intake.supportRequest = request
            let validated = try intake.validated(policy)
            let (store, session) = try context.unlock()
            let opened = try store.openCase(session, policy: policy, intake: validated)
            if global.json {
                try context.emit(OpenedJSON(id: opened.id, person: opened.person,
                                            possibleDuplicates: opened.possibleDuplicates.map { ["id": $0] }))
                return
            }
            context.say(.caseOpened(opened.id))
            context.say(.personLabel(opened.person))
            if !opened.possibleDuplicates.isEmpty { context.warn(.possibleDuplicates(opened.possibleDuplicates)) }
        }
    }

    private struct OpenedJSON: Encodable {
        let id: String
        let person: String
        let possibleDuplicates: [[String: String]]
    }
}

struct CaseList: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List your centre's cases (no personal fields).")
    @OptionGroup var global: GlobalOptions
    @Option var status: CaseStatus?
    @Option var programme: Programme?
    @Option(name: .customLong("assigned-to")) var assignedTo: String?
    @Option var centre: String?

    func run(_ work: Work) throws {
        let (context, store, session) = (work.context, work.store, work.session)
        let cases = try store.listCases(session, status: status, programme: programme, assignedTo: assignedTo, centre: centre)
        if global.json { try context.emit(cases); return }
        let labels = CodeLabels(policy: try work.policy(), lang: context.lang)
        for c in cases {
            print([c.id, labels.programme(c.programme), labels.status(c.status), c.risk.map(labels.risk) ?? "-", c.assignedTo ?? "-",
                   DisplayFormat.day(c.openedOn)].joined(separator: "\t"))
        }
    }
}

struct CaseFind: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "find", abstract: "Find cases by name, phone, ID or passport number.")
    @OptionGroup var global: GlobalOptions
    @Option var name: String?
    @Option var phone: String?
    @Option(name: .customLong("id-number")) var idNumber: String?
    @Option var passport: String?
    @Option(name: .customLong("fields-from"),
            help: "A JSON or YAML document with one of name, phone, id-number, passport (- for standard input): the command line is readable by other users.")
    var fieldsFrom: String?
    @Option(help: "Show at most this many women (default \(CaseStore.defaultFindLimit)).") var limit: Int = CaseStore.defaultFindLimit

    func validate() throws {
        let given = [name, phone, idNumber, passport].compactMap { $0 }.count
        guard given == 1 || (given == 0 && fieldsFrom != nil) else {
            throw ValidationError("Give exactly one of --name, --phone, --id-number, --passport (or one of them in --fields-from).")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        let context = Context(global)
        try context.run {
            let policy = try context.loadPolicy()
            let query = try searchTerm(context)
            let (store, session) = try context.unlock()
            let result = try store.search(session, policy: policy, query: query, limit: limit)
            let found = result.cases
            if result.more { context.warn(.moreMatches(limit)) }
            if global.json {
                try context.emit(found.map { FoundJSON(id: $0.id, name: $0.name, centre: $0.centre, programme: $0.programme.rawValue, status: $0.status.rawValue) })
                return
            }
            if found.isEmpty { context.say(.nothingFound) }
            for hit in found { print("\(hit.id)\t\(hit.centre)\t\(hit.status.rawValue)\t\(ControlCharacters.neutralised(hit.name))") }
        }
    }

    /// The one search term, from argv (with a warning) or from the document.
    private func searchTerm(_ context: Context) throws -> FindQuery {
        var input = try PersonalInput(fieldsFrom, allowed: ["name", "phone", "id-number", "passport"], context: context)
        let terms: [(flag: String, value: String?)] = try [("name", name), ("phone", phone), ("id-number", idNumber), ("passport", passport)]
            .map { ($0.0, try input.text($0.0, argv: $0.1)) }
        let given = terms.filter { $0.value != nil }
        guard let term = given.first, let value = term.value else { throw CommandLineError.missingFlag("--name | --phone | --id-number | --passport") }
        guard given.count == 1 else { throw CommandLineError.conflictingFlags("--\(given[0].flag)", "--\(given[1].flag)") }
        switch term.flag {
        case "name": return .name(value)
        case "phone": return .phone(value)
        case "id-number": return .idNumber(value)
        default: return .passport(value)
        }
    }

    private struct FoundJSON: Encodable {
        let id: String
        let name: String
        let centre: String
        let programme: String
        let status: String
    }
}
