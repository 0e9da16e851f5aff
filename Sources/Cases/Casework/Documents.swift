import CaunoiCrypto
import Foundation
import GRDB

public enum DocumentStatus: String, Sendable, CaseIterable, Codable {
    /// She has it (the original, or a copy she can bring).
    case holds
    /// She needs it: to be obtained, replaced or translated.
    case needs
}

/// One line of her documents checklist.
public struct DocumentEntry: Sendable, Equatable {
    public let document: String
    public let status: DocumentStatus
    public let updatedBy: String
    public let updatedOn: String
}

/// An attachment as listed: its sealed title and media type opened; the file itself is read
/// only on request (`attachment(_:caseID:id:)`).
public struct AttachmentView: Sendable {
    public let id: String
    public let document: String?
    public let bytes: Int
    public let title: PersonalText?
    public let mediaType: String?
    public let addedBy: String
    public let addedOn: String
}

/// An attachment with its decrypted contents, for the staff member who asked for it.
public struct AttachmentFile: Sendable {
    public let view: AttachmentView
    public let contents: SecureBytes

    /// The contents in base64, for a JSON document handed to her (subject export).
    public var base64: String { contents.withUnsafeBytes { Data($0).base64EncodedString() } }
}

extension CaseStore {
    /// Sets a document of her checklist to held or needed; nil takes it off the list.
    public func setDocument(_ session: Session, policy: Policy, caseID: String, document: String, status: DocumentStatus?) throws {
        let document = try policy.documents.validate(document)
        try withCase(session, caseID, action: "case.document") { db, _, _ in
            if let status {
                try db.execute(sql: """
                    INSERT INTO case_documents (case_id, document, status, updated_by, updated_on) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (case_id, document) DO UPDATE SET status = excluded.status, updated_by = excluded.updated_by,
                                                                  updated_on = excluded.updated_on
                    """, arguments: [caseID, document, status.rawValue, session.user, Day.today()])
            } else {
                try db.execute(sql: "DELETE FROM case_documents WHERE case_id = ? AND document = ?", arguments: [caseID, document])
            }
        }
    }

    /// Stores a file of hers, encrypted with crypto_secretstream under a key derived from her
    /// data key and the attachment's id (so erasure, which deletes that key, also makes any
    /// copy unreadable). Refused: an empty file, one over `casework.yaml`'s limit, an unknown
    /// document code. The title (often the file's own name) and media type are sealed.
    @discardableResult
    public func addAttachment(_ session: Session, policy: Policy, caseID: String, contents: SecureBytes, title: PersonalText?,
                              mediaType: String?, document: String?) throws -> String {
        guard contents.count > 0 else { throw CaunoiError.missing(.file) }
        guard contents.count <= policy.casework.attachmentMaxBytes else {
            throw CaunoiError.fileTooLarge(limitMegabytes: policy.casework.attachmentMaxBytes >> 20)
        }
        let document = try document.map(policy.documents.validate)
        let type = mediaType.flatMap(Self.mediaType) ?? "application/octet-stream"
        let attachmentID = Ids.random(prefix: "G")
        try withCase(session, caseID, action: "case.attach") { db, _, vault in
            let sealed = try SecretStream.encrypt(contents, key: vault.subkey("attachment|\(attachmentID)"))
            try db.execute(sql: """
                INSERT INTO attachments (id, case_id, document, bytes, content_hash, title, media_type, added_by, added_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [attachmentID, caseID, document, contents.count, try BLAKE2b.hash(sealed, key: nil, outputByteCount: 32).blob,
                                 try vault.sealIfPresent(title.flatMap { $0.isBlank ? nil : $0 }, table: "attachments", column: "title", row: attachmentID),
                                 try vault.seal(PersonalText(type), table: "attachments", column: "media_type", row: attachmentID),
                                 session.user, Day.today()])
            try db.execute(sql: "INSERT INTO attachment_contents (attachment_id, content) VALUES (?, ?)", arguments: [attachmentID, sealed.blob])
        }
        return attachmentID
    }

    /// One attachment of a case, decrypted, for her centre's staff; audited. A file whose
    /// stored ciphertext is not the one the case seal covers, or that fails to decrypt, is an
    /// integrity failure naming it.
    public func attachment(_ session: Session, caseID: String, id: String) throws -> AttachmentFile {
        try withCase(session, caseID, action: "case.attachment.read") { db, _, vault in
            guard let view = try loadAttachments(db, caseID: caseID, vault: vault).first(where: { $0.id == id }) else {
                throw CaunoiError.attachmentNotFound(id)
            }
            return try readAttachment(db, view, vault: vault)
        }
    }

    /// Reads and decrypts one attachment already listed for its case.
    func readAttachment(_ db: Database, _ view: AttachmentView, vault: PersonVault) throws -> AttachmentFile {
        let failure = CaunoiError.integrityFailure(record: "\(view.id) (attachments)")
        guard let stored = try Row.fetchOne(db, sql: """
            SELECT a.content_hash, c.content FROM attachments a JOIN attachment_contents c ON c.attachment_id = a.id WHERE a.id = ?
            """, arguments: [view.id]), let hash = stored.optionalBytes("content_hash"), let content = stored.optionalBytes("content") else {
            throw failure
        }
        guard try BLAKE2b.hash(content, key: nil, outputByteCount: 32) == hash else { throw failure }
        let plain: SecureBytes
        do { plain = try SecretStream.decrypt(content, key: vault.subkey("attachment|\(view.id)")) } catch { throw failure }
        guard plain.count == view.bytes else { throw failure }
        return AttachmentFile(view: view, contents: plain)
    }

    func loadDocuments(_ db: Database, caseID: String) throws -> [DocumentEntry] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM case_documents WHERE case_id = ? ORDER BY document"), arguments: [caseID]).map {
            DocumentEntry(document: $0["document"], status: DocumentStatus(rawValue: $0["status"]) ?? .needs, updatedBy: $0["updated_by"],
                          updatedOn: $0["updated_on"])
        }
    }

    func loadAttachments(_ db: Database, caseID: String, vault: PersonVault?) throws -> [AttachmentView] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, document, bytes, title, media_type, added_by, added_on FROM attachments WHERE case_id = ? ORDER BY rowid
            """), arguments: [caseID]).map { row in
            let id: String = row["id"]
            return AttachmentView(id: id, document: row["document"], bytes: row["bytes"],
                                  title: try vault?.openIfPresent(row.optionalBytes("title"), table: "attachments", column: "title", row: id),
                                  mediaType: try vault?.openIfPresent(row.optionalBytes("media_type"), table: "attachments", column: "media_type",
                                                                      row: id)?.revealed,
                                  addedBy: row["added_by"], addedOn: row["added_on"])
        }
    }

    /// A media type as `type/subtype` in plain ASCII (parameters dropped), else nil.
    static func mediaType(_ text: String) -> String? {
        let bare = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let parts = bare.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "!#$&^_.+-".contains(c)) }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 64 && $0.allSatisfy(allowed) }) else { return nil }
        return bare
    }
}
