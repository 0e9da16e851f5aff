import ArgumentParser
import Cases
import Views

/// `case contact`: writes down a visit, call, message, accompaniment or group session.
struct CaseContact: PreparedCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Write down a contact with her (day, kind, duration, who; sealed time and summary).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "A code of policy/codes/contact-kinds.yaml (office-visit, home-visit, phone, …).") var kind: String
    @Option(help: "The day it happened, YYYY-MM-DD (default: today in Vietnam); at most policy's backdate_days back.") var date: String?
    @Option(help: "The time it began, HH:MM in Vietnam time (sealed).") var time: String?
    @Option(help: "How long it lasted, in minutes.") var minutes: Int?
    @Option(help: "The staff member who had the contact (default: you).") var staff: String?
    @Option(help: "A summary (prefer --fields-from: the command line is readable by other users).") var summary: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `summary` (- for standard input).") var fieldsFrom: String?

    func prepare(_ context: Context) throws -> (Policy, ContactRecord) {
        var input = try PersonalInput(fieldsFrom, allowed: ["summary"], context: context)
        let text = try input.text("summary", argv: summary)
        let record = ContactRecord(day: date ?? Now.vietnamToday(), kind: kind, time: time, minutes: minutes, staff: staff,
                                   summary: text.map(PersonalText.init))
        return (try context.loadPolicy(), record)
    }

    func run(_ work: Work, _ input: (Policy, ContactRecord)) throws {
        let contact = try work.store.addContact(work.session, policy: input.0, caseID: id, contact: input.1)
        try work.answer(["id": id, "contact": contact], saying: .contactAdded(id))
    }
}

/// `case decline-closure`: a manager turns down a counsellor's request to close.
struct CaseDeclineClosure: PreparedCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline-closure", abstract: "Decline a request to close a case (managers), saying why.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @OptionGroup var why: ReasonOptions

    func prepare(_ context: Context) throws -> PersonalText? { try why.resolved(context) }

    func run(_ work: Work, _ reason: PersonalText?) throws {
        try work.store.declineClosure(work.session, caseID: id, reason: reason ?? PersonalText(""))
        try work.answer(["id": id], saying: .closureDeclined(id))
    }
}

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup", abstract: "Follow-ups: what is due, made by hand or raised by the rules of policy/casework.yaml.",
        subcommands: [FollowUpList.self, FollowUpAdd.self, FollowUpDone.self])
}

struct FollowUpList: UnlockedCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Your follow-ups due today and overdue (managers: --centre for the whole centre's).")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Every follow-up of your centre (managers).") var centre = false
    @Option(help: "Also those falling due up to this day, YYYY-MM-DD.") var through: String?

    func validate() throws {
        if let through, !Day.isValid(through) { throw ValidationError("--through must be a day, YYYY-MM-DD.") }
    }

    func run(_ work: Work) throws {
        let policy = try work.policy()
        let due = try work.store.dueFollowUps(work.session, policy: policy, scope: centre ? .centre : .mine, through: through)
        try work.answer(due.map { FollowUpJSON($0) }, text: {
            if due.isEmpty { work.context.say(.nothingDue) }
            let labels = CodeLabels(policy: policy, lang: work.context.lang)
            for f in due {
                print([f.key, f.caseID, DisplayFormat.day(f.due), f.assignedTo ?? CaseText.managersLabel(labels.lang),
                       CaseText.followUpParts(f, note: nil, labels: labels)].joined(separator: "\t"))
            }
        })
    }
}

struct FollowUpAdd: PreparedCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a follow-up to a case, with a due day and a reason.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "The day it is due, YYYY-MM-DD (today or later).") var due: String
    @Option(name: .customLong("assign-to"), help: "Whose it is (default: the case's counsellor, else you).") var assignTo: String?
    @Option(help: "Why (prefer --fields-from: the command line is readable by other users).") var reason: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `reason` (- for standard input).") var fieldsFrom: String?

    func prepare(_ context: Context) throws -> PersonalText {
        var input = try PersonalInput(fieldsFrom, allowed: ["reason"], context: context)
        guard let text = try input.text("reason", argv: reason) else { throw CaunoiError.missing(.reason) }
        return PersonalText(text)
    }

    func run(_ work: Work, _ reason: PersonalText) throws {
        let task = try work.store.addFollowUp(work.session, caseID: id, due: due, assignTo: assignTo, reason: reason)
        try work.answer(["id": id, "key": task], saying: .followUpAdded(id, task))
    }
}

struct FollowUpDone: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a follow-up done (by its key from `followup list`).")
    @OptionGroup var global: GlobalOptions
    @Argument var key: String

    func run(_ work: Work) throws {
        try work.store.completeFollowUp(work.session, policy: work.policy(), key: key)
        try work.answer(["key": key], saying: .followUpDone(key.split(separator: "/").dropFirst().first.map(String.init) ?? key))
    }
}
