import ArgumentParser
import Cases
import Views
import Foundation

/// The woman's rights over her data (PDPL 91/2025/QH15): see everything held, and erasure.
struct SubjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject", abstract: "Her rights over her data: export everything held about her, or erase it.",
        subcommands: [Export.self, Erase.self])

    enum Format: String, ExpressibleByArgument {
        case json, html
    }

    struct Export: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything held about one woman, decrypted, to a new 0600 file (audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her person id (P-…) or one of her case ids.") var id: String
        @Option(help: "File to create (must not exist).") var out: String
        @Option(help: "json or html (default: html for a .html/.htm file name, else json).") var format: Format?

        func run(_ work: Work) throws {
            let lower = out.lowercased()
            let chosen = format ?? (lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? .html : .json)
            let policy = try work.policy()
            let person = try work.store.exportSubject(work.session, id: id, to: out) { record in
                chosen == .html ? record.html(policy: policy) : record.json.pretty
            }
            try work.answer(["person": person, "out": out, "format": chosen.rawValue], saying: .subjectExported(out))
        }
    }

    struct Erase: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase one woman's personal data for good (crypto-shredding); codes stay for statistics. Managers of her centre.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her person id (P-…) or one of her case ids.") var id: String
        @Option(help: "The same id again: erasure cannot be undone.") var confirm: String

        func run(_ work: Work) throws {
            let report = try work.store.eraseSubject(work.session, id: id, confirm: confirm)
            try work.answer(tree: .object(["person": .string(report.erasure.person), "cases": .array(report.cases.map(JSONValue.string)),
                                           "erased_on": .string(report.erasure.erasedOn), "wal_cleared": .bool(report.walCleared),
                                           "sent_referrals": .array(report.sentReferrals.map(JSONValue.string))])) {
                work.context.say(.subjectErased(report.erasure.person, report.cases))
                if !report.sentReferrals.isEmpty { work.context.say(.askAgenciesToDelete(report.sentReferrals)) }
            }
            if !report.walCleared { work.context.warn(.walNotCleared) }
        }
    }
}
