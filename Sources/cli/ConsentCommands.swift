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

    struct Give: PreparedCommand {
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

        func prepare(_ context: Context) throws -> (fields: [DisclosableField]?, note: PersonalText?) {
            var personal = try PersonalInput(fieldsFrom, allowed: ["note"], context: context)
            return (try fields.map(parseFields), try personal.text("note", argv: note).map(PersonalText.init))
        }

        func run(_ work: Work, _ input: (fields: [DisclosableField]?, note: PersonalText?)) throws {
            let consent = try work.store.giveConsent(work.session, policy: work.policy(), caseID: caseID, purpose: purpose, agencyID: agency,
                                                     agencyKind: agencyKind, fields: input.fields, note: input.note)
            try work.answer(["id": consent.id], saying: .consentGiven(consent.id, caseID))
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
            let result = try work.store.withdrawConsent(work.session, caseID: caseID, purpose: purpose, agencyID: agency, agencyKind: agencyKind)
            try work.answer(["consents": result.consents, "referrals": result.referrals],
                            saying: .consentWithdrawn(result.consents.count, result.referrals))
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Consents recorded for a case.")
        @OptionGroup var global: GlobalOptions
        @Argument var caseID: String

        func run(_ work: Work) throws {
            let consents = try work.store.consents(work.session, caseID: caseID)
            try work.answer(consents.map(ConsentJSON.init), lines: {
                let labels = try work.labels()
                return consents.map { CaseText.consentRow($0, labels: labels) }
            })
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
