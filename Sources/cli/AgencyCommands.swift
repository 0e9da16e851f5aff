import ArgumentParser
import Cases
import Views
import Foundation

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "The partner directory (HSDS).",
        subcommands: [Add.self, List.self, Show.self, Import.self, Export.self, Keygen.self])

    struct Add: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Add or replace an agency.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option var name: String
        @Option var kind: AgencyKind
        @Option(name: .customLong("service"), help: "Need code it accepts (repeatable).") var services: [String] = []
        @Option(name: .customLong("province"), help: "Province it serves (repeatable).") var provinces: [String] = []
        @Option(name: .customLong("country"), help: "Country it works in (repeatable).") var countries: [String] = []
        @Option(name: .customLong("public-key"), help: "Its X25519 public key, base64 (from `agency keygen`).") var publicKey: String?
        @Option var website: String?
        @Option var email: String?
        @Option var phone: String?
        @Option var address: String?

        func prepare(_ context: Context) throws -> Agency {
            var agency = Agency(id: id, name: name, kind: kind)
            (agency.services, agency.provinces, agency.countries) = (services, provinces, countries)
            (agency.website, agency.email, agency.phone) = (website, email, phone)
            agency.address = kind == .shelter ? nil : address
            if let publicKey {
                guard let bytes = Data(base64Encoded: publicKey) else { throw CaunoiError.invalid(.publicKey) }
                agency.publicKey = [UInt8](bytes)
            }
            return agency
        }

        func run(_ work: Work, _ agency: Agency) throws {
            try work.store.addAgency(work.session, policy: work.policy(), agency: agency)
            try work.answer(["id": id], saying: .agencyAdded(id))
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List agencies.")
        @OptionGroup var global: GlobalOptions
        @Option var kind: AgencyKind?
        @Option var service: String?

        func run(_ work: Work) throws {
            let labels = try work.labels()
            let list = try work.store.agencies(work.session, policy: labels.policy, kind: kind, service: service)
            try work.answer(list.map(AgencyJSON.init), lines: { list.map { AgencyText.row($0, labels: labels) } })
        }
    }

    struct Show: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Show one agency.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run(_ work: Work) throws {
            let labels = try work.labels()
            let agency = try work.store.agency(work.session, policy: labels.policy, id: id)
            try work.answer(AgencyJSON(agency), lines: { AgencyText.lines(agency, labels: labels) })
        }
    }

    struct Import: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Import an HSDS 3.x JSON export, all or nothing.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The HSDS JSON file.") var hsds: String
        @Option(help: "Kind for organisations that do not carry one (default ngo).") var kind: AgencyKind = .ngo

        func prepare(_ context: Context) throws -> (Policy, [Agency]) {
            let policy = try context.loadPolicy()
            guard let data = FileManager.default.contents(atPath: hsds) else { throw CommandLineError.fileNotFound("--hsds") }
            return (policy, try HSDS.parse(data, defaultKind: kind, policy: policy))
        }

        func run(_ work: Work, _ input: (Policy, [Agency])) throws {
            let count = try work.store.importAgencies(work.session, policy: input.0, agencies: input.1)
            try work.answer(["imported": count], saying: .agenciesImported(count))
        }
    }

    struct Export: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Export the directory as HSDS 3.x JSON (never a shelter's address).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "HSDS format (the only one).") var hsds = false
        @Option var out: String?

        func run(_ work: Work) throws {
            let policy = try work.policy()
            let data = try HSDS.export(try work.store.agencies(work.session, policy: policy), policy: policy)
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: data) else { throw CaunoiError.cannotCreate(.output) }
            } else {
                FileHandle.standardOutput.write(data)
                print()
            }
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key pair for a partner agency; prints the public key.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Where to write the secret key (created 0600).") var out: String

        func run() throws {
            let context = Context(global)
            try context.run {
                let publicKey = Data(try AgencyKeyFile.generate(path: out)).base64EncodedString()
                if global.json { try context.emit(["public_key": publicKey, "key_file": out]) } else { print(publicKey) }
            }
        }
    }
}
