import ArgumentParser
import Foundation
import Cases
import Views

struct CentreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centre", abstract: "Counselling centres and offices.", subcommands: [Add.self, List.self, Trust.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a centre (admin); its key is wrapped for the recovery key only.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Centre code, e.g. HN-OSSO.") var code: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Province code or name.") var province: String
        @Option(help: "osso, marriage, central or association-desk.") var kind: CentreKind

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                let province = try policy.province(self.province)
                let (store, session) = try context.unlock()
                let centre = try store.addCentre(session, code: code, name: name, province: province, kind: kind)
                if global.json { try context.emit(centre) } else { context.say(.centreAdded(centre.code)) }
            }
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List centres.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let centres = try store.centres(session)
            if global.json { try context.emit(centres); return }
            for centre in centres {
                print("\(centre.code)\t\(centre.kind.rawValue)\t\(centre.province)\t\(centre.name)")
            }
        }
    }

    struct Trust: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "The deployment root key and each centre's signing-key fingerprint, for partner agencies (`referral open --root`).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Write the trust file here (JSON) instead of printing.") var out: String?

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let export = try store.trustExport(session)
            let text = export.json.pretty
            if let out {
                guard !FileManager.default.fileExists(atPath: out), FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else {
                    throw CaunoiError.cannotCreate(.output)
                }
            } else if global.json {
                print(export.json.canonical)
            } else {
                context.say(.trustRoot(export.rootFingerprint))
                for centre in export.centres { print("\(centre.code)\tv\(centre.keyVersion)\t\(centre.signingFingerprint)\t\(centre.name)") }
            }
        }
    }
}
