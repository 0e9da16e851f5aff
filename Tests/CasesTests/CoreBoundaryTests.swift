import Foundation
import Testing

/// The core knows nothing of its faces (issue 13): no file in `Sources/Cases` mentions a
/// command-line option, a `caunoi` command, an exit code, a terminal, standard output or
/// HTML. Such words belong to `Sources/cli`, `Sources/Web` and `Sources/Views`.
@Suite struct CoreBoundaryTests {
    static let core = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Cases")

    static let faceWords: [(name: String, pattern: String)] = [
        ("a command-line option", #"(^|[\s`"(])--[a-z]"#),
        ("a caunoi command", #"`caunoi [a-z]"#),
        ("an exit code", #"(?i)exit code|sysexits|ExitCode"#),
        ("a terminal", #"(?i)terminal|stdout|stderr|\bprint\("#),
        ("HTML", #"(?i)html|<p>|<br"#),
    ]

    @Test func noFileInTheCoreSpeaksOfAFace() throws {
        let files = try #require(FileManager.default.enumerator(at: Self.core, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" })
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for word in Self.faceWords where line.range(of: word.pattern, options: .regularExpression) != nil {
                    Issue.record("\(file.lastPathComponent):\(number + 1) mentions \(word.name): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }
}
