import ArgumentParser
import Cases
import Views

/// `retention run`: erase what `policy/retention.yaml` no longer allows keeping.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Apply the retention policy (policy/retention.yaml).", subcommands: [Run.self])

    struct Run: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the personal data of women whose cases all closed longer ago than their programme's period (admins; managers: their centre).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "List who would be erased; change nothing.") var dryRun = false

        func run(_ work: Work) throws {
            let due = try work.store.runRetention(work.session, policy: work.policy(), dryRun: dryRun)
            try work.answer(tree: .object([
                "dry_run": .bool(dryRun),
                "persons": .array(due.map { c in
                    .object(["person": .string(c.person), "centre": .string(c.centre), "due_on": .string(c.dueOn),
                             "cases": .array(c.cases.map(JSONValue.string))])
                }),
            ])) {
                for candidate in due { work.context.say(.retentionDue(candidate.person, candidate.centre, DisplayFormat.day(candidate.dueOn))) }
                work.context.say(.retentionSummary(due.count, dryRun: dryRun))
            }
        }
    }
}
