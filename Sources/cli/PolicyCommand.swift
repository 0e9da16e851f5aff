import ArgumentParser
import Cases
import Views
import Foundation

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Reviewed policy files.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate every policy file; problems are named by file:line.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Policy folder (default: the shipped one).") var dir: String?

        func run() throws {
            let context = Context(global)
            try context.run {
                let directory = dir.map { URL(fileURLWithPath: $0) } ?? context.policyDirectory()
                guard FileManager.default.fileExists(atPath: directory.path) else { throw CaunoiError.fileNotFound(.policy) }
                let problems = Policy.check(directory)
                if global.json {
                    try context.emit(PolicyReport(ok: problems.isEmpty, problems: problems.map {
                        PolicyReport.Problem(file: $0.file, line: $0.line, problem: $0.problem)
                    }))
                } else if problems.isEmpty {
                    context.say(.policyOK(directory.path))
                } else {
                    for problem in problems { FileHandle.standardError.write(Data((problem.description + "\n").utf8)) }
                    context.warn(.policyProblems(problems.count))
                }
                if !problems.isEmpty { throw ExitCode(65) }
            }
        }
    }
}

private struct PolicyReport: Encodable {
    struct Problem: Encodable {
        let file: String
        let line: Int
        let problem: String
    }
    let ok: Bool
    let problems: [Problem]
}
