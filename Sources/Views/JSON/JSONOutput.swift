import Foundation

/// How every face writes a view model as JSON: snake_case keys in sorted order, slashes as
/// they are, so `--json` and anything the web serves read the same.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(value)
    }
}
