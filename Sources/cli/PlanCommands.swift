import ArgumentParser
import Cases
import Views

/// `case plan goal|status|service` and `case service`: her case plan and the services
/// delivered (issue 15).
struct CasePlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Her case plan: goals for the case's needs, and the services planned for them.",
        subcommands: [CasePlanGoal.self, CasePlanStatus.self, CasePlanService.self])
}

extension GoalStatus: ExpressibleByArgument {}
extension ServiceOutcome: ExpressibleByArgument {}

struct CasePlanGoal: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "goal", abstract: "Add a goal for one of the case's needs.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "One of the case's need codes.") var need: String
    @Option(help: "The caseworker responsible (a colleague of the centre).") var responsible: String?
    @Option(help: "Target day, YYYY-MM-DD.") var target: String?
    @Option(help: "What the goal is (prefer --fields-from).") var description: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `description` (- for standard input).") var fieldsFrom: String?

    func prepare(_ context: Context) throws -> (Policy, PersonalText?) {
        var input = try PersonalInput(fieldsFrom, allowed: ["description"], context: context)
        return (try context.loadPolicy(), try input.text("description", argv: description).map(PersonalText.init))
    }

    func run(_ work: Work, _ input: (Policy, PersonalText?)) throws {
        let goal = try work.store.addGoal(work.session, policy: input.0, caseID: id, need: need, description: input.1,
                                          responsible: responsible, target: target)
        try work.answer(["id": id, "goal": goal], saying: .planUpdated(id))
    }
}

struct CasePlanStatus: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Mark a goal met, partly-met, dropped (or open again).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Argument(help: "The goal's id (J-…, shown by case show).") var goal: String
    @Option var status: GoalStatus

    func run(_ work: Work) throws {
        try work.store.setGoalStatus(work.session, caseID: id, goalID: goal, status: status)
        try work.answer(["id": id, "goal": goal], saying: .planUpdated(id))
    }
}

struct CasePlanService: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "service", abstract: "Plan a service for a goal, by the centre or a partner.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Argument(help: "The goal's id.") var goal: String
    @Option(help: "A code of policy/codes/services.yaml.") var service: String
    @Option(help: "The partner agency that provides it (default: the centre).") var agency: String?
    @Option(help: "The caseworker responsible.") var responsible: String?
    @Option(help: "Target day, YYYY-MM-DD.") var target: String?

    func run(_ work: Work) throws {
        let planned = try work.store.planService(work.session, policy: work.policy(), caseID: id, goalID: goal, service: service,
                                                 agency: agency, responsible: responsible, target: target)
        try work.answer(["id": id, "planned": planned], saying: .planUpdated(id))
    }
}

struct CaseService: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "service", abstract: "Record a service delivered to her (counted in reports).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "A code of policy/codes/services.yaml.") var service: String
    @Option(help: "completed, partly-completed, not-completed or refused.") var outcome: ServiceOutcome
    @Option(help: "The day, YYYY-MM-DD (default: today in Vietnam).") var date: String?
    @Option(help: "The partner agency that provided it (default: the centre).") var agency: String?
    @Option(help: "The goal of her plan it served.") var goal: String?
    @Option(help: "A note (prefer --fields-from).") var note: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `note` (- for standard input).") var fieldsFrom: String?

    func prepare(_ context: Context) throws -> (Policy, ServiceRecord) {
        var input = try PersonalInput(fieldsFrom, allowed: ["note"], context: context)
        let record = ServiceRecord(service: service, day: date ?? Now.vietnamToday(), outcome: outcome, agency: agency, goal: goal,
                                   note: try input.text("note", argv: note).map(PersonalText.init))
        return (try context.loadPolicy(), record)
    }

    func run(_ work: Work, _ input: (Policy, ServiceRecord)) throws {
        let delivered = try work.store.recordService(work.session, policy: input.0, caseID: id, service: input.1)
        try work.answer(["id": id, "delivered": delivered], saying: .serviceRecorded(id))
    }
}
