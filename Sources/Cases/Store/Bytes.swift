import Foundation
import GRDB

/// BLOB columns are read and written as `[UInt8]` in the domain; GRDB speaks `Data`.
extension Row {
    func bytes(_ column: String) -> [UInt8] { [UInt8](self[column] as Data) }
    func optionalBytes(_ column: String) -> [UInt8]? { (self[column] as Data?).map { [UInt8]($0) } }
}

extension Array where Element == UInt8 {
    /// The value to bind for a BLOB column.
    var blob: Data { Data(self) }
}
