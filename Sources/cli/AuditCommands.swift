import ArgumentParser
import Cases
import Views
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The signed, hash-chained audit trail: who did what, to which record.",
        subcommands: [Log.self, Verify.self])

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit entries (admin, central officers; managers: their centre).",
            discussion: "Here --user filters the entries; the acting user comes from --as or CAUNOI_USER.")
        @Option(help: "Database file (env CAUNOI_DB, default ./caunoi.db).") var db: String?
        @Option(name: .customLong("as"), help: "Acting user (env CAUNOI_USER).") var actingUser: String?
        @Option(help: "Policy folder (env CAUNOI_POLICY).") var policy: String?
        @Flag(help: "One JSON document on stdout.") var json = false
        @Option(help: "Language of human output: vi or en.") var lang: String?
        @Option(name: .customLong("case"), help: "Entries about this case and its referrals.") var caseID: String?
        @Option(help: "Entries by this user.") var user: String?
        @Option(help: "Entries from this day on (YYYY-MM-DD).") var since: String?

        func run() throws {
            let context = Context(db: db, user: actingUser, policy: policy, json: json, lang: lang)
            try context.run {
                let (store, session) = try context.unlock()
                let entries = try store.auditLog(session, caseID: caseID, user: user, since: since)
                if json {
                    print(JSONValue.array(entries.map { e in
                        var object: [String: JSONValue] = ["seq": .int(Int(e.seq)), "at": .string(e.at), "user": .string(e.user),
                                                           "action": .string(e.action)]
                        object["record"] = e.record.map(JSONValue.string) ?? .null
                        object["centre"] = e.centre.map(JSONValue.string) ?? .null
                        return .object(object)
                    }).canonical)
                    return
                }
                for e in entries {
                    print(["#\(e.seq)", DisplayFormat.time(e.at), e.user, e.action, e.record ?? "-", e.centre ?? "-"].joined(separator: "\t"))
                }
            }
        }
    }

    struct Verify: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Check the hash chain and every signature; exit 65 naming the first bad entry.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let count = try work.store.verifyAudit(work.session)
            try work.answer(tree: .object(["ok": .bool(true), "entries": .int(Int(count))])) { work.context.say(.auditVerified(count)) }
        }
    }
}
