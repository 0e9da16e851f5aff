import ArgumentParser
import Cases
import Views
import Foundation

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "The partner directory (HSDS).",
        subcommands: [Add.self, List.self, Show.self, Import.self, Export.self, Keygen.self])

    struct Add: ParsableCommand {
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

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                var agency = Agency(id: id, name: name, kind: kind)
                agency.services = services
                agency.provinces = provinces
                agency.countries = countries
                agency.website = website
                agency.email = email
                agency.phone = phone
                agency.address = kind == .shelter ? nil : address
                if let publicKey {
                    guard let bytes = Data(base64Encoded: publicKey) else { throw CaunoiError.invalid(.publicKey) }
                    agency.publicKey = [UInt8](bytes)
                }
                let (store, session) = try context.unlock()
                try store.addAgency(session, policy: policy, agency: agency)
                if global.json { try context.emit(["id": id]) } else { context.say(.agencyAdded(id)) }
            }
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List agencies.")
        @OptionGroup var global: GlobalOptions
        @Option var kind: AgencyKind?
        @Option var service: String?

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let list = try store.agencies(session, policy: policy, kind: kind, service: service)
            if global.json { try context.emit(list.map(AgencyJSON.init)); return }
            for a in list { print([a.id, a.kind.rawValue, a.publicKey == nil ? "-" : "key", a.name].joined(separator: "\t")) }
        }
    }

    struct Show: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Show one agency.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let a = try store.agency(session, policy: policy, id: id)
            if global.json { try context.emit(AgencyJSON(a)); return }
            let lines: [(String, String?)] = [
                ("id", a.id), ("name", a.name), ("name_en", a.nameEn), ("kind", a.kind.rawValue),
                ("services", a.services.joined(separator: ", ")), ("provinces", a.provinces.joined(separator: ", ")),
                ("countries", a.countries.joined(separator: ", ")), ("website", a.website), ("email", a.email),
                ("phone", a.phone), ("address", a.address), ("public_key", a.publicKey.map { Data($0).base64EncodedString() }),
                ("description", a.description),
            ]
            for (label, value) in lines { if let value, !value.isEmpty { print("\(label): \(value)") } }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import an HSDS 3.x JSON export, all or nothing.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The HSDS JSON file.") var hsds: String
        @Option(help: "Kind for organisations that do not carry one (default ngo).") var kind: AgencyKind = .ngo

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                guard let data = FileManager.default.contents(atPath: hsds) else { throw CommandLineError.fileNotFound("--hsds") }
                let agencies = try HSDS.parse(data, defaultKind: kind, policy: policy)
                let (store, session) = try context.unlock()
                let count = try store.importAgencies(session, policy: policy, agencies: agencies)
                if global.json { try context.emit(["imported": count]) } else { context.say(.agenciesImported(count)) }
            }
        }
    }

    struct Export: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Export the directory as HSDS 3.x JSON (never a shelter's address).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "HSDS format (the only one).") var hsds = false
        @Option var out: String?

        func run(_ work: Work) throws {
            let (store, session) = (work.store, work.session)
            let policy = try work.policy()
            let data = try HSDS.export(try store.agencies(session, policy: policy), policy: policy)
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

private struct AgencyJSON: Encodable {
    let id: String
    let name: String
    let nameEn: String?
    let kind: String
    let services: [String]
    let provinces: [String]
    let countries: [String]
    let website: String?
    let email: String?
    let phone: String?
    let address: String?
    let publicKey: String?

    init(_ a: Agency) {
        id = a.id; name = a.name; nameEn = a.nameEn; kind = a.kind.rawValue; services = a.services; provinces = a.provinces
        countries = a.countries; website = a.website; email = a.email; phone = a.phone; address = a.address
        publicKey = a.publicKey.map { Data($0).base64EncodedString() }
    }
}
