import ArgumentParser
import Cases
import Views

struct CaseShow: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case with its decrypted fields (own centre only).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run(_ work: Work) throws {
        let view = try work.store.showCase(work.session, id: id, policy: work.policy())
        try work.answer(CaseJSON(view), lines: { CaseText.lines(view, labels: try work.labels()) })
    }
}

