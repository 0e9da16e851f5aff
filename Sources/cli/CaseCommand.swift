import ArgumentParser
import Cases
import Views

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Open, read, search and work cases.",
        subcommands: [CaseMatch.self, CaseOpen.self, CaseShow.self, CaseList.self, CaseFind.self, CaseUpdateCommand.self,
                      CaseNote.self, CaseContact.self, CaseChildCommand.self, CaseSpouseCommand.self, CaseDocument.self, CaseAttach.self, CaseAttachment.self, CasePlanCommand.self, CaseService.self, CaseAssess.self, CaseMerge.self, CaseAssign.self, CaseClose.self, CaseDeclineClosure.self, CaseReopen.self, CaseImportCommand.self])
}

struct CaseOpen: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a case for a new or existing person.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "marriage, returnee or association.") var programme: Programme
    @OptionGroup var fields: CaseFieldOptions
    @Option(help: "Existing person id (a further case for her).") var person: String?
    @Option(help: "Association id: a support request (programme association) or a member's case.") var association: String?
    @Option(help: "What an association asks for (programme association; policy/codes/support-requests.yaml).") var request: String?

    func prepare(_ context: Context) throws -> (Policy, CaseIntake) {
        let policy = try context.loadPolicy()
        var intake = CaseIntake(programme: programme)
        let personal = try fields.resolved(context)
        (intake.person, intake.safeContact, intake.note) = (personal.person, personal.safeContact, personal.note)
        (intake.originProvince, intake.destination, intake.migration) = (fields.originProvince, fields.destination, fields.migration)
        (intake.needs, intake.risk) = (fields.needs, fields.risk)
        (intake.existingPersonID, intake.associationID, intake.supportRequest) = (person, association, request)
        return (policy, try intake.validated(policy))
    }

    func run(_ work: Work, _ input: (Policy, CaseIntake)) throws {
        let opened = try work.store.openCase(work.session, policy: input.0, intake: input.1)
        try work.answer(OpenedJSON(opened), text: {
            work.context.say(.caseOpened(opened.id))
            work.context.say(.personLabel(opened.person))
            if !opened.possibleDuplicates.isEmpty { work.context.warn(.possibleDuplicates(opened.possibleDuplicates)) }
        })
    }
}

/// `case match`: before `case open`, the women on file she may be (issue 15).
struct CaseMatch: PreparedCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Before opening a case: women of your centre who share her name, phone, ID or passport number (open with --person to add to her).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: CaseFieldOptions

    func prepare(_ context: Context) throws -> (Policy, PersonFields) {
        (try context.loadPolicy(), try fields.resolved(context).person)
    }

    func run(_ work: Work, _ input: (Policy, PersonFields)) throws {
        let matches = try work.store.possibleMatches(work.session, policy: input.0, person: input.1)
        try work.answer(matches.map(PossibleMatchJSON.init), text: {
            if matches.isEmpty { work.context.say(.nothingFound) }
            let labels = CodeLabels(policy: input.0, lang: work.context.lang)
            for match in matches {
                print(match.person)
                for c in match.cases { print("  " + CaseText.row(c, labels: labels)) }
            }
        })
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
        let cases = try work.store.listCases(work.session, status: status, programme: programme, assignedTo: assignedTo, centre: centre)
        try work.answer(cases, lines: {
            let labels = try work.labels()
            return cases.map { CaseText.row($0, labels: labels) }
        })
    }
}

struct CaseFind: PreparedCommand {
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

    func prepare(_ context: Context) throws -> (Policy, FindQuery) { (try context.loadPolicy(), try searchTerm(context)) }

    func run(_ work: Work, _ input: (Policy, FindQuery)) throws {
        let result = try work.store.search(work.session, policy: input.0, query: input.1, limit: limit)
        if result.more { work.context.warn(.moreMatches(limit)) }
        try work.answer(result.cases.map(FoundJSON.init), text: {
            if result.cases.isEmpty { work.context.say(.nothingFound) }
            let labels = CodeLabels(policy: input.0, lang: work.context.lang)
            for hit in result.cases { print(CaseText.found(hit, labels: labels)) }
        })
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
}
