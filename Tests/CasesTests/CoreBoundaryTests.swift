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
        let files = Self.sources("Cases")
        #expect(files.count > 50)
        try Self.report(files, Self.faceWords, as: "mentions")
    }

    /// Records every line of `files` that matches one of `patterns`.
    static func report(_ files: [URL], _ patterns: [(name: String, pattern: String)], as verb: String) throws {
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for found in patterns where line.range(of: found.pattern, options: .regularExpression) != nil {
                    Issue.record("\(file.lastPathComponent):\(number + 1) \(verb) \(found.name): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }

    static func sources(_ folder: String) -> [URL] {
        let root = core.deletingLastPathComponent().appendingPathComponent(folder)
        return (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "swift" }
    }

    /// Ways a face would decide access itself: comparing a role, requiring a role, or reading
    /// which role may do what. Faces ask the core (`WorkArea`, `rolesItMayAdd`) instead.
    static let accessRules: [(name: String, pattern: String)] = [
        ("a role compared", #"role\s*[!=]=\s*\."#),
        ("a role required", #"require\(\s*\.(admin|manager|counsellor|central|statistician)"#),
        ("a role list", #"\[\s*\.(admin|manager|counsellor|central|statistician)\s*,"#),
        ("a centre compared with the session's", #"centre\s*[!=]=\s*(signedIn\.)?session\.centre"#),
    ]

    @Test func theFacesHoldNoAccessRule() throws {
        let files = Self.sources("Web") + Self.sources("cli")
        #expect(files.count > 30)
        try Self.report(files, Self.accessRules, as: "holds")
    }
}
