import Foundation
import Yams

/// A structured assessment defined in `policy/assessments/<code>.yaml` (issue 15): questions
/// answered from one answer list, weights that add up to a score, and levels the score (and
/// the strongest answers on their own) suggest. The counsellor decides the level; the form
/// only suggests it.
public struct AssessmentForm: Sendable, Equatable {
    public struct Answer: Sendable, Equatable {
        public let entry: CodeEntry
        /// Whether this answer means the indicator is present (and so counts in the score).
        public let counts: Bool
    }

    public struct Level: Sendable, Equatable {
        public let entry: CodeEntry
        public let minScore: Int
    }

    public struct Question: Sendable, Equatable {
        public let entry: CodeEntry
        public let group: String?
        public let weight: Int
        /// Answered with a counting answer, the suggested level is at least this one.
        public let atLeast: String?
    }

    public let entry: CodeEntry
    /// The safety form: its levels are risk codes, and the level decided becomes the case's risk.
    public let setsCaseRisk: Bool
    public let answers: [Answer]
    public let groups: [CodeEntry]
    /// Lowest first.
    public let levels: [Level]
    public let questions: [Question]
    /// BLAKE2b of the form's file, kept with each assessment: which wording was asked.
    public let digest: String

    public var code: String { entry.code }

    public func level(_ code: String) -> Level? { levels.first { $0.entry.code == code } }
    public func question(_ code: String) -> Question? { questions.first { $0.entry.code == code } }
    public func answer(_ code: String) -> Answer? { answers.first { $0.entry.code == code } }

    /// The score and suggested level for a complete set of answers (question code → answer
    /// code): the highest level the score reaches, raised by any `at_least` of a question
    /// answered with a counting answer.
    public func suggest(_ given: [String: String]) -> (score: Int, level: String) {
        var score = 0
        var floor = 0
        for question in questions {
            guard let code = given[question.entry.code], answer(code)?.counts == true else { continue }
            score += question.weight
            if let atLeast = question.atLeast, let index = levels.firstIndex(where: { $0.entry.code == atLeast }) { floor = max(floor, index) }
        }
        let reached = levels.lastIndex { $0.minScore <= score } ?? 0
        return (score, levels[max(reached, floor)].entry.code)
    }
}

extension AssessmentForm {
    static let folder = "assessments"
    /// Lowercase letters, digits and single hyphens between them.
    static func isCode(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("-") && !text.hasSuffix("-") && !text.contains("--")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Every form in `policy/assessments/`, by file name; problems with file and line.
    static func readAll(_ directory: URL, riskLevels: CodeList) -> ([AssessmentForm], [PolicyProblem]) {
        let folder = directory.appendingPathComponent(folder)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        guard !files.isEmpty else {
            return ([], [PolicyProblem(file: Self.folder, line: 1, problem: "no assessment forms (the safety form is required)")])
        }
        var forms: [AssessmentForm] = []
        var problems: [PolicyProblem] = []
        for file in files {
            var reader = YAMLReader(file: "\(Self.folder)/\(file)")
            if let form = read(&reader, directory: directory, expectedCode: String(file.dropLast(5)), riskLevels: riskLevels) { forms.append(form) }
            problems += reader.problems
        }
        if problems.isEmpty, !forms.contains(where: \.setsCaseRisk) {
            problems.append(PolicyProblem(file: Self.folder, line: 1, problem: "one form must set the case's risk (`sets_case_risk: true`)"))
        }
        if forms.filter(\.setsCaseRisk).count > 1 {
            problems.append(PolicyProblem(file: Self.folder, line: 1, problem: "only one form may set the case's risk"))
        }
        return (forms, problems)
    }

    private static func read(_ reader: inout YAMLReader, directory: URL, expectedCode: String, riskLevels: CodeList) -> AssessmentForm? {
        guard let root = reader.root(in: directory) else { return nil }
        guard let code = reader.string("code", in: root), let vi = reader.string("vi", in: root), let en = reader.string("en", in: root) else { return nil }
        if code != expectedCode { reader.problem("`code` must be the file's name (\(expectedCode))", at: root) }
        var setsCaseRisk = false
        if let value = root.mapping?["sets_case_risk"] {
            if let flag = value.bool { setsCaseRisk = flag } else { reader.problem("`sets_case_risk` must be true or false", at: value) }
        }
        var answers: [Answer] = []
        for (entry, node) in reader.codeEntries("answers", in: root) {
            guard let value = node.mapping?["counts"], let counts = value.bool else {
                reader.problem("`counts` (true or false) is required", at: node)
                continue
            }
            answers.append(Answer(entry: entry, counts: counts))
        }
        if !answers.contains(where: \.counts) { reader.problem("one answer must count (`counts: true`)", at: root) }
        let groups = root.mapping?["groups"] == nil ? [] : reader.codeEntries("groups", in: root).map(\.0)
        var levels: [Level] = []
        for (entry, node) in reader.codeEntries("levels", in: root) {
            guard let minScore = reader.int("min_score", in: node) else { continue }
            if levels.isEmpty, minScore != 0 { reader.problem("the first level's min_score must be 0", at: node) }
            if let last = levels.last, minScore <= last.minScore { reader.problem("min_score must increase from level to level", at: node) }
            if setsCaseRisk, !riskLevels.contains(entry.code) || RiskLevel(rawValue: entry.code) == nil {
                reader.problem("\(entry.code) is not a risk code (codes/risk.yaml: low, medium, high)", at: node)
            }
            levels.append(Level(entry: entry, minScore: minScore))
        }
        if levels.isEmpty { reader.problem("`levels` is empty", at: root) }
        var questions: [Question] = []
        for (entry, node) in reader.codeEntries("questions", in: root) {
            if !isCode(entry.code) { reader.problem("question codes are lowercase letters, digits and hyphens", at: node) }
            let weight = reader.int("weight", in: node) ?? 1
            if !(1...3).contains(weight) { reader.problem("weight must be between 1 and 3", at: node) }
            let group = reader.string("group", in: node, required: !groups.isEmpty)
            if let group, !groups.contains(where: { $0.code == group }) { reader.problem("unknown group \(group)", at: node) }
            let atLeast = reader.string("at_least", in: node, required: false)
            if let atLeast, !levels.contains(where: { $0.entry.code == atLeast }) { reader.problem("at_least \(atLeast) is not a level of this form", at: node) }
            questions.append(Question(entry: entry, group: group, weight: weight, atLeast: atLeast))
        }
        if questions.isEmpty { reader.problem("`questions` is empty", at: root) }
        guard reader.problems.isEmpty else { return nil }
        let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(reader.file).path) ?? Data()
        return AssessmentForm(entry: CodeEntry(code: code, vi: vi, en: en), setsCaseRisk: setsCaseRisk, answers: answers, groups: groups,
                              levels: levels, questions: questions, digest: Policy.hexDigest([UInt8](bytes)))
    }
}
