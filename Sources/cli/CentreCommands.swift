import ArgumentParser
import Foundation
import Cases
import Views

struct CentreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centre", abstract: "Counselling centres and offices.", subcommands: [Add.self, List.self, Trust.self])

    struct Add: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Add a centre (admin); its key is wrapped for the recovery key only.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Centre code, e.g. HN-OSSO.") var code: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Province code or name.") var province: String
        @Option(help: "osso, marriage, central or association-desk.") var kind: CentreKind

        func prepare(_ context: Context) throws -> String { try context.loadPolicy().province(province) }

        func run(_ work: Work, _ province: String) throws {
            let centre = try work.store.addCentre(work.session, code: code, name: name, province: province, kind: kind)
            try work.answer(centre, saying: .centreAdded(centre.code))
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List centres.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let centres = try work.store.centres(work.session)
            try work.answer(centres, lines: {
                let labels = try work.labels()
                return centres.map { [$0.code, labels.centreKind($0.kind), labels.province($0.province), $0.name].joined(separator: "\t") }
            })
        }
    }

    struct Trust: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "The deployment root key and each centre's signing-key fingerprint, for partner agencies (`referral open --root`).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Write the trust file here (JSON) instead of printing.") var out: String?

        func run(_ work: Work) throws {
            let export = try work.store.trustExport(work.session)
            let text = export.json.pretty
            if let out {
                guard !FileManager.default.fileExists(atPath: out), FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else {
                    throw CaunoiError.cannotCreate(.output)
                }
            } else {
                try work.answer(tree: export.json) {
                    work.context.say(.trustRoot(export.rootFingerprint))
                    for centre in export.centres { print("\(centre.code)\tv\(centre.keyVersion)\t\(centre.signingFingerprint)\t\(centre.name)") }
                }
            }
        }
    }
}
