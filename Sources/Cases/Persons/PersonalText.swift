import CaunoiCrypto
import Foundation
import GRDB

/// A personal value (name, phone, note…) in wiping memory. It deliberately does not conform
/// to `DatabaseValueConvertible`, `Codable` or `CustomStringConvertible` with its content: the
/// only way into the database is through `PersonVault.seal`, which yields a `SealedBlob`.
public struct PersonalText: Sendable {
    let secret: SecureBytes

    public init(_ text: String) { secret = SecureBytes(utf8: text) }
    init(secret: SecureBytes) { self.secret = secret }

    /// The plain text, for showing to an authorised user only.
    public var revealed: String { secret.utf8String }

    var isBlank: Bool { revealed.trimmedSpacesAndNewlines.isEmpty }
}

extension PersonalText: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "PersonalText(redacted)" }
    public var debugDescription: String { description }
}

/// Ciphertext of one sealed column: the only form a personal field takes in SQLite.
struct SealedBlob: DatabaseValueConvertible, Equatable {
    let bytes: [UInt8]

    var databaseValue: DatabaseValue { Data(bytes).databaseValue }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> SealedBlob? {
        Data.fromDatabaseValue(dbValue).map { SealedBlob(bytes: [UInt8]($0)) }
    }
}
