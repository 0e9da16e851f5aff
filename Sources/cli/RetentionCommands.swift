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
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let due = try store.runRetention(session, policy: policy, dryRun: dryRun)
            if global.json {
                print(JSONValue.object([
                    "dry_run": .bool(dryRun),
                    "persons": .array(due.map { c in
                        .object(["person": .string(c.person), "centre": .string(c.centre), "due_on": .string(c.dueOn),
                                 "cases": .array(c.cases.map(JSONValue.string))])
                    }),
                ]).canonical)
                return
            }
            for candidate in due { context.say(.retentionDue(candidate.person, candidate.centre, candidate.dueOn)) }
            context.say(.retentionSummary(due.count, dryRun: dryRun))
        }
    }
}
