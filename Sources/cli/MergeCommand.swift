import ArgumentParser
import Cases
import Views

/// `case merge`: a manager merges a woman recorded twice (issue 15).
struct CaseMerge: UnlockedCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge a woman recorded twice: every case of the duplicate moves to the person kept (managers).",
        discussion: """
            Give the duplicate and the person kept each by a case or person id. Her cases keep their ids; values are re-sealed under \
            the kept person's key, names and phones only the duplicate had are added, and the duplicate's key is deleted.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The duplicate: one of her case ids, or her person id.") var id: String
    @Option(help: "The person kept: one of her case ids, or her person id.") var into: String

    func run(_ work: Work) throws {
        let merged = try work.store.mergePerson(work.session, policy: work.policy(), id: id, into: into)
        try work.answer(["duplicate": merged.duplicate, "kept": merged.kept, "cases": merged.cases.joined(separator: ",")],
                        saying: .merged(merged.duplicate, merged.kept, merged.cases.count))
    }
}
