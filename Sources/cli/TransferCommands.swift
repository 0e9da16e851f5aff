import ArgumentParser
import Cases
import Views

/// `transfer request|list|accept|decline`: a woman who moves province goes, with her cases, to
/// the centre there once its manager accepts (issue 15). Managers only.
struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: "Transfers between centres: request, list, accept, decline (managers).",
        subcommands: [TransferRequest.self, TransferList.self, TransferAccept.self, TransferDecline.self])
}

struct TransferRequest: PreparedCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Ask another centre to take a woman and all her cases (by case or person id), or one case (--case-only).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "The receiving centre's code.") var centre: String
    /// Why (she moved, …).
    @OptionGroup var why: ReasonOptions
    @Flag(help: "Only the case named (her other cases stay): the case gets a record and data key of its own first.") var caseOnly = false

    func prepare(_ context: Context) throws -> PersonalText? { try why.resolved(context) }

    func run(_ work: Work, _ reason: PersonalText?) throws {
        let reason = reason ?? PersonalText("")
        let transfer = caseOnly
            ? try work.store.requestCaseTransfer(work.session, policy: work.policy(), caseID: id, to: centre, reason: reason)
            : try work.store.requestTransfer(work.session, id: id, to: centre, reason: reason)
        try work.answer(["transfer": transfer], saying: .transferRequested(transfer, centre))
    }
}

struct TransferList: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Transfers to and from your centre.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only those waiting for a decision.") var pending = false

    func run(_ work: Work) throws {
        let transfers = try work.store.transfers(work.session, pendingOnly: pending)
        try work.answer(transfers.map(TransferJSON.init), lines: {
            if transfers.isEmpty { return [Text.nothingDue.text(work.context.lang)] }
            return transfers.map { TransferText.row($0, lang: work.context.lang) }
        })
    }
}

struct TransferAccept: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept a transfer to your centre: she and her cases move here.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run(_ work: Work) throws {
        try work.store.acceptTransfer(work.session, policy: work.policy(), id: id)
        try work.answer(["transfer": id], saying: .transferAccepted(id))
    }
}

struct TransferDecline: UnlockedCommand {
    static let configuration = CommandConfiguration(commandName: "decline", abstract: "Decline a transfer to your centre; nothing moves.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run(_ work: Work) throws {
        try work.store.declineTransfer(work.session, id: id)
        try work.answer(["transfer": id], saying: .transferDeclined(id))
    }
}
