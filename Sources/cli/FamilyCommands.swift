import ArgumentParser
import Cases
import Views

/// `case child add|update` and `case spouse add|update`: her family (issue 15). Names, dates
/// of birth and contacts are personal: from `--fields-from`, or argv with a warning.
struct CaseChildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "child", abstract: "Her children: add one, or change what is known.",
                                                    subcommands: [CaseChildAdd.self, CaseChildUpdate.self])
}

struct CaseSpouseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "spouse", abstract: "Her foreign spouse or former spouse.",
                                                    subcommands: [CaseSpouseAdd.self, CaseSpouseUpdate.self])
}

/// The options a child is described with, shared by `add` and `update`.
struct ChildOptions: ParsableArguments {
    @Option(help: "The child's name (prefer --fields-from).") var name: String?
    @Option(help: "The child's date of birth, YYYY-MM-DD (prefer --fields-from).") var dob: String?
    @Option(help: "female or male.") var sex: ChildSex?
    @Option(name: .customLong("birth-country"), help: "Country of birth: code or name.") var birthCountry: String?
    @Option(help: "Vietnamese birth registration: policy/codes/birth-registration.yaml.") var registration: String?
    @Option(help: "Nationality status: policy/codes/nationality-status.yaml.") var nationality: String?
    @Option(name: .customLong("lives-with-her"), help: "yes or no.") var livesWithHer: YesNo?
    @Option(help: "A need of the case this child concerns (repeatable; on update, replaces the list).") var need: [String] = []
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with name and dob (- for standard input).") var fieldsFrom: String?

    func record(_ context: Context, needsGiven: Bool) throws -> ChildRecord {
        var input = try PersonalInput(fieldsFrom, allowed: ["name", "dob"], context: context)
        var child = ChildRecord()
        child.name = try input.text("name", argv: name).map(PersonalText.init)
        child.dateOfBirth = try input.text("dob", argv: dob).map(PersonalText.init)
        (child.sex, child.birthCountry, child.birthRegistration, child.nationality) = (sex, birthCountry, registration, nationality)
        child.livesWithHer = livesWithHer.map { $0 == .yes }
        child.needs = needsGiven || !need.isEmpty ? need : nil
        return child
    }
}

enum YesNo: String, ExpressibleByArgument, Sendable {
    case yes, no
}

extension ChildSex: ExpressibleByArgument {}
extension SpouseRelation: ExpressibleByArgument {}

struct CaseChildAdd: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a child of hers to a case.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @OptionGroup var child: ChildOptions

    func prepare(_ context: Context) throws -> (Policy, ChildRecord) { (try context.loadPolicy(), try child.record(context, needsGiven: true)) }

    func run(_ work: Work, _ input: (Policy, ChildRecord)) throws {
        let childID = try work.store.addChild(work.session, policy: input.0, caseID: id, child: input.1)
        try work.answer(["id": id, "child": childID], saying: .familyAdded(id, childID))
    }
}

struct CaseChildUpdate: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change what is known of one of her children.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Argument(help: "The child's id (F-…, shown by case show).") var child: String
    @OptionGroup var options: ChildOptions

    func prepare(_ context: Context) throws -> (Policy, ChildRecord) { (try context.loadPolicy(), try options.record(context, needsGiven: false)) }

    func run(_ work: Work, _ input: (Policy, ChildRecord)) throws {
        try work.store.updateChild(work.session, policy: input.0, caseID: id, childID: child, update: input.1)
        try work.answer(["id": id, "child": child], saying: .caseUpdated(id))
    }
}

/// The options a spouse is described with, shared by `add` and `update`.
struct SpouseOptions: ParsableArguments {
    @Option(help: "spouse or former-spouse.") var relation: SpouseRelation?
    @Option(help: "His nationality: a country code or name.") var nationality: String?
    @Option(help: "His name (prefer --fields-from).") var name: String?
    @Option(help: "How to reach him, if she wants it kept (prefer --fields-from).") var contact: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with name and contact (- for standard input).") var fieldsFrom: String?

    func record(_ context: Context) throws -> SpouseRecord {
        var input = try PersonalInput(fieldsFrom, allowed: ["name", "contact"], context: context)
        var spouse = SpouseRecord(relation: relation)
        spouse.nationality = nationality
        spouse.name = try input.text("name", argv: name).map(PersonalText.init)
        spouse.contact = try input.text("contact", argv: contact).map(PersonalText.init)
        return spouse
    }
}

struct CaseSpouseAdd: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add her foreign spouse or former spouse to a case.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @OptionGroup var spouse: SpouseOptions

    func prepare(_ context: Context) throws -> (Policy, SpouseRecord) { (try context.loadPolicy(), try spouse.record(context)) }

    func run(_ work: Work, _ input: (Policy, SpouseRecord)) throws {
        let spouseID = try work.store.addSpouse(work.session, policy: input.0, caseID: id, spouse: input.1)
        try work.answer(["id": id, "spouse": spouseID], saying: .familyAdded(id, spouseID))
    }
}

struct CaseSpouseUpdate: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change what is known of her spouse (a divorce: --relation former-spouse).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Argument(help: "The spouse's id (S-…, shown by case show).") var spouse: String
    @OptionGroup var options: SpouseOptions

    func prepare(_ context: Context) throws -> (Policy, SpouseRecord) { (try context.loadPolicy(), try options.record(context)) }

    func run(_ work: Work, _ input: (Policy, SpouseRecord)) throws {
        try work.store.updateSpouse(work.session, policy: input.0, caseID: id, spouseID: spouse, update: input.1)
        try work.answer(["id": id, "spouse": spouse], saying: .caseUpdated(id))
    }
}
