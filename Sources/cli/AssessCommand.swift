import ArgumentParser
import Cases
import Views
import Foundation

/// `case assess`: an assessment with one of the forms of `policy/assessments/` (issue 15).
/// Her answers are personal: they are given in a `--fields-from` document (`answer:` a list of
/// `question=answer`), or on argv with a warning.
struct CaseAssess: PreparedCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess", abstract: "Assess the case with a form of policy/assessments (safety, trafficking-indicators, …).",
        discussion: "Every question needs an answer; `caunoi policy assessment FORM` lists them with their answer codes.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Option(help: "The form's code (a file of policy/assessments without .yaml).") var form: String
    @Option(help: "question=answer, once per question (prefer --fields-from).") var answer: [String] = []
    @Option(help: "The level decided, when it is not the one suggested (then --note says why).") var level: String?
    @Option(help: "A note (prefer --fields-from).") var note: String?
    @Option(name: .customLong("fields-from"), help: "A JSON or YAML document with `answer` (a list of question=answer) and `note`.")
    var fieldsFrom: String?

    func prepare(_ context: Context) throws -> (Policy, AssessmentRecord) {
        let policy = try context.loadPolicy()
        _ = try policy.assessmentForm(form)
        var input = try PersonalInput(fieldsFrom, allowed: ["answer", "note"], context: context)
        var answers: [String: String] = [:]
        for pair in try input.list("answer", argv: answer) {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, answers[parts[0]] == nil else { throw CaunoiError.invalid(.answer) }
            answers[parts[0]] = parts[1]
        }
        return (policy, AssessmentRecord(form: form, answers: answers, level: level, note: try input.text("note", argv: note).map(PersonalText.init)))
    }

    func run(_ work: Work, _ input: (Policy, AssessmentRecord)) throws {
        let caseID = id
        let result = try work.store.assess(work.session, policy: input.0, caseID: caseID, input.1)
        let labels = CodeLabels(policy: input.0, lang: work.context.lang)
        try work.answer(["id": caseID, "assessment": result.id, "score": String(result.score), "suggested_level": result.suggestedLevel,
                         "level": result.level],
                        saying: .assessed(caseID, labels.assessmentForm(input.1.form), labels.assessmentLevel(input.1.form, result.level)))
    }
}
