import CaunoiCrypto
import Foundation
import GRDB

/// One row as canonical JSON, for seals and for the states audit entries commit to. NULL
/// columns are left out, so a column added later (NULL in old rows) changes nothing; BLOBs
/// enter as their BLAKE2b-256 hash.
enum RowDigest {
    static func json(_ row: Row, skipping skipped: String? = nil) throws -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (column, value) in row where column != skipped {
            switch value.storage {
            case .null: continue
            case .int64(let number): members[column] = .int(Int(number))
            case .double(let number): members[column] = .string(String(number))
            case .string(let text): members[column] = .string(text)
            case .blob(let data): members[column] = .string("blake2b:" + Data(try BLAKE2b.hash([UInt8](data), key: nil, outputByteCount: 32)).base64EncodedString())
            }
        }
        return .object(members)
    }

    /// BLAKE2b-256 of the row's canonical JSON under a label naming what it is.
    static func hash(_ row: Row, label: String) throws -> [UInt8] {
        let object = JSONValue.object(["format": .string(label), "row": try json(row)])
        return try BLAKE2b.hash(object.canonicalBytes, key: nil, outputByteCount: 32)
    }
}
