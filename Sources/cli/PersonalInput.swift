import Cases
import Views
import Foundation

/// Where a command's personal values come from: `--fields-from FILE|-` (see `FieldsDocument`),
/// or argv, which still works for scripts but prints a one-line warning, once per command.
/// A value given both ways is refused rather than silently chosen.
struct PersonalInput {
    private let document: FieldsDocument?
    private let context: Context
    private var warned = false

    init(_ source: String?, allowed: Set<String>, context: Context) throws {
        self.context = context
        guard let source else { document = nil; return }
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: source) else { throw CaunoiError.fileNotFound(.fieldsFrom) }
            data = contents
        }
        document = try FieldsDocument.parse(data, allowed: allowed)
    }

    mutating func text(_ flag: String, argv: String?) throws -> String? {
        if let argv {
            guard document?.text(flag) == nil else { throw CommandLineError.conflictingFlags("--\(flag)", "--fields-from") }
            warnOnce()
            return argv
        }
        return document?.text(flag)
    }

    mutating func list(_ flag: String, argv: [String]) throws -> [String] {
        if !argv.isEmpty {
            guard document?.list(flag).isEmpty ?? true else { throw CommandLineError.conflictingFlags("--\(flag)", "--fields-from") }
            warnOnce()
            return argv
        }
        return document?.list(flag) ?? []
    }

    private mutating func warnOnce() {
        guard !warned else { return }
        warned = true
        context.warn(.personalDataOnArgv)
    }
}
