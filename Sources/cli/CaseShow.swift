import ArgumentParser
import Cases
import Views

struct CaseShow: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case with its decrypted fields (own centre only).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run(_ work: Work) throws {
        let (context, store, session) = (work.context, work.store, work.session)
        let policy = try work.policy()
        let view = try store.showCase(session, id: id)
        if global.json {
            try context.emit(CaseJSON(view))
        } else {
            print(CaseText.lines(view, labels: CodeLabels(policy: policy, lang: context.lang)).joined(separator: "\n"))
        }
    }
}

