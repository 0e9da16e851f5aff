import ArgumentParser
import Cases
import Views
import Foundation

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Reviewed policy files.", subcommands: [Check.self, Assessment.self])

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

extension PolicyCommand {
    /// `policy assessment FORM`: the form's questions with their codes, the answers each takes,
    /// and how levels are suggested: what `case assess` needs to be given.
    struct Assessment: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an assessment form: questions, answer codes, levels.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The form's code (safety, trafficking-indicators, …).") var form: String

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                let form = try policy.assessmentForm(form)
                if global.json {
                    try context.emit(FormJSON(form))
                } else {
                    for line in CaseText.formLines(form, labels: CodeLabels(policy: policy, lang: context.lang)) { print(line) }
                }
            }
        }
    }
}

/// A form as `policy assessment --json` prints it.
private struct FormJSON: Encodable {
    struct Question: Encodable {
        let code: String, vi: String, en: String, group: String?, weight: Int, at_least: String?
    }
    struct Level: Encodable {
        let code: String, vi: String, en: String, min_score: Int
    }
    let code: String, vi: String, en: String, sets_case_risk: Bool
    let answers: [String]
    let levels: [Level]
    let questions: [Question]

    init(_ form: AssessmentForm) {
        (code, vi, en, sets_case_risk) = (form.code, form.entry.vi, form.entry.en, form.setsCaseRisk)
        answers = form.answers.map(\.entry.code)
        levels = form.levels.map { Level(code: $0.entry.code, vi: $0.entry.vi, en: $0.entry.en, min_score: $0.minScore) }
        questions = form.questions.map { Question(code: $0.entry.code, vi: $0.entry.vi, en: $0.entry.en, group: $0.group, weight: $0.weight,
                                                  at_least: $0.atLeast) }
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
