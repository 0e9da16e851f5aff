import ArgumentParser
import Foundation
import Cases
import Views

extension ConsentPurpose: ExpressibleByArgument {}
extension AgencyKind: ExpressibleByArgument {}
extension Priority: ExpressibleByArgument {}
extension ReferralStatus: ExpressibleByArgument {}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "Her consent, scoped to a purpose, an agency or kind, and fields.",
        subcommands: [Give.self, Withdraw.self, List.self])

    struct Give: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a consent.")
        @OptionGroup var global: GlobalOptions
        @Argument var caseID: String
        @Option var purpose: ConsentPurpose
        @Option(help: "One agency id.") var agency: String?
        @Option(name: .customLong("agency-kind"), help: "Every agency of this kind.") var agencyKind: AgencyKind?
        @Option(help: "Fields she agrees to disclose, comma-separated (default: all).") var fields: String?
        @Option var note: String?
        @Option(name: .customLong("fields-from"), help: "Read the personal fields from this JSON or YAML file (- for standard input), keys named like the flags.")
        var fieldsFrom: String?

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                let parsed = try fields.map(parseFields)
                var personal = try PersonalInput(fieldsFrom, allowed: ["note"], context: context)
                let sealedNote = try personal.text("note", argv: note).map(PersonalText.init)
                let (store, session) = try context.unlock()
                let consent = try store.giveConsent(session, policy: policy, caseID: caseID, purpose: purpose, agencyID: agency,
                                                    agencyKind: agencyKind, fields: parsed, note: sealedNote)
                if global.json { try context.emit(["id": consent.id]) } else { context.say(.consentGiven(consent.id, caseID)) }
            }
        }
    }

    struct Withdraw: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw consents; open referrals that relied on them are withdrawn too.")
        @OptionGroup var global: GlobalOptions
        @Argument var caseID: String
        @Option var purpose: ConsentPurpose
        @Option var agency: String?
        @Option(name: .customLong("agency-kind")) var agencyKind: AgencyKind?

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let result = try store.withdrawConsent(session, caseID: caseID, purpose: purpose, agencyID: agency, agencyKind: agencyKind)
            if global.json { try context.emit(["consents": result.consents, "referrals": result.referrals]); return }
            context.say(.consentWithdrawn(result.consents.count, result.referrals))
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Consents recorded for a case.")
        @OptionGroup var global: GlobalOptions
        @Argument var caseID: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let consents = try store.consents(session, caseID: caseID)
            if global.json { try context.emit(consents.map(ConsentJSON.init)); return }
            let labels = CodeLabels(policy: try work.policy(), lang: context.lang)
            for c in consents {
                let scope = c.agencyID ?? c.agencyKind?.rawValue ?? "-"
                let fields = c.fields.map { $0.map { $0.label(context.lang) }.joined(separator: ", ") } ?? "*"
                print([c.id, labels.consentPurpose(c.purpose), scope, fields, DisplayFormat.day(c.givenOn), c.withdrawnOn.map(DisplayFormat.day) ?? "-",
                       c.note?.display ?? ""].joined(separator: "\t"))
            }
        }
    }
}


/// `name,dob,passport` → fields, each checked.
func parseFields(_ text: String) throws -> [DisclosableField] {
    try text.split(separator: ",").map { part in
        let name = part.trimmingCharacters(in: .whitespaces)
        guard let field = DisclosableField(rawValue: name) else { throw CaunoiError.invalid(.fields) }
        return field
    }
}
