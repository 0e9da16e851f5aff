import ArgumentParser
import Cases
import CaunoiCrypto
import Foundation
import Views

/// `case document`, `case attach` and `case attachment`: her documents checklist and encrypted
/// files (issue 15).
struct CaseDocument: UnlockedCommand {
    static let configuration = CommandConfiguration(
        commandName: "document", abstract: "Mark a document she holds or needs (policy/codes/documents.yaml); --status none takes it off.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "A document code (passport, foreign-divorce-judgment, …).") var code: String
    @Option(help: "holds, needs or none.") var status: DocumentChoice

    func run(_ work: Work) throws {
        try work.store.setDocument(work.session, policy: work.policy(), caseID: id, document: code, status: status.status)
        try work.answer(["id": id], saying: .documentSet(id))
    }
}

enum DocumentChoice: String, ExpressibleByArgument, Sendable {
    case holds, needs, none

    var status: DocumentStatus? { DocumentStatus(rawValue: rawValue) }
}

struct CaseAttach: PreparedCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Attach a file to a case, encrypted under her data key (a path says nothing of her; - reads standard input).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "The file, or - for standard input.") var file: String
    @Option(help: "What it is a copy of: a code of policy/codes/documents.yaml.") var document: String?
    @Option(name: .customLong("media-type"), help: "e.g. application/pdf, image/jpeg (default application/octet-stream).") var mediaType: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `title`, the name staff will see (sealed).") var fieldsFrom: String?

    func prepare(_ context: Context) throws -> (Policy, SecureBytes, PersonalText?) {
        var input = try PersonalInput(fieldsFrom, allowed: ["title"], context: context)
        let title = try input.text("title", argv: nil).map(PersonalText.init)
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else { throw CaunoiError.fileNotFound(.file) }
            data = contents
        }
        return (try context.loadPolicy(), SecureBytes(copying: data), title)
    }

    func run(_ work: Work, _ input: (Policy, SecureBytes, PersonalText?)) throws {
        let attachment = try work.store.addAttachment(work.session, policy: input.0, caseID: id, contents: input.1, title: input.2,
                                                      mediaType: mediaType, document: document)
        try work.answer(["id": id, "attachment": attachment], saying: .attached(id, attachment))
    }
}

struct CaseAttachment: UnlockedCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachment", abstract: "Write an attached file, decrypted, to a new owner-only file (audited).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Argument(help: "The attachment's id (G-…, shown by case show).") var attachment: String
    @Option(help: "The file to create (never an existing one).") var out: String

    func run(_ work: Work) throws {
        let file = try work.store.attachment(work.session, caseID: id, id: attachment)
        try OwnerOnlyFile.create(atPath: out, contents: file.contents.bytes, what: .output)
        try work.answer(["id": id, "attachment": attachment, "bytes": String(file.view.bytes)], saying: .attachmentWritten(out))
    }
}
