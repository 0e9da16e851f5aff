import Foundation
import GRDB

/// An assessment as staff enter it: an answer for every question of the form, and the level
/// they decide. A level other than the one the form suggests needs a note saying why.
public struct AssessmentRecord: Sendable {
    public var form: String
    /// Question code → answer code.
    public var answers: [String: String]
    /// nil: the suggested level.
    public var level: String?
    public var note: PersonalText?

    public init(form: String, answers: [String: String], level: String? = nil, note: PersonalText? = nil) {
        (self.form, self.answers, self.level, self.note) = (form, answers, level, note)
    }
}

/// One assessment of the case's history, newest first in `CaseDetail.assessments`.
public struct AssessmentView: Sendable {
    public let id: String
    public let form: String
    /// The hash of the form's file when it was answered (`AssessmentForm.digest`).
    public let formDigest: String
    public let suggestedLevel: String
    public let level: String
    /// Question code → answer code; nil once her data is erased.
    public let answers: [String: String]?
    public let score: Int?
    public let note: PersonalText?
    public let assessedBy: String
    public let assessedOn: String
}

extension AssessmentView {
    /// Whether it was answered with the wording the policy has now (else a face says so).
    public func askedWithCurrentWording(_ policy: Policy) -> Bool {
        policy.assessments.first { $0.code == form }?.digest == formDigest
    }
}

/// What recording an assessment decided.
public struct AssessmentResult: Sendable, Equatable {
    public let id: String
    public let score: Int
    public let suggestedLevel: String
    public let level: String
    /// The case's risk before, when the safety form changed it.
    public let riskChangedFrom: String?
}

extension CaseStore {
    /// Records an assessment with one of the policy's forms. Every question needs an answer
    /// from the form's list ("not known" is an answer, a blank is not), so that a level is
    /// never suggested from half a form. The answers and score are sealed; the levels are plain.
    /// The form that sets the case's risk (the safety assessment) sets it to the level decided.
    @discardableResult
    public func assess(_ session: Session, policy: Policy, caseID: String, _ record: AssessmentRecord) throws -> AssessmentResult {
        let form = try policy.assessmentForm(record.form)
        for (question, answer) in record.answers {
            guard form.question(question) != nil else { throw CaunoiError.unknownCode(list: "question", code: question) }
            guard form.answer(answer) != nil else { throw CaunoiError.unknownCode(list: "answer", code: answer) }
        }
        guard form.questions.allSatisfy({ record.answers[$0.entry.code] != nil }) else { throw CaunoiError.missing(.answer) }
        let (score, suggested) = form.suggest(record.answers)
        let level = record.level ?? suggested
        guard form.level(level) != nil else { throw CaunoiError.unknownCode(list: "level", code: level) }
        let note = record.note.flatMap { $0.isBlank ? nil : $0 }
        if level != suggested, note == nil { throw CaunoiError.missing(.note) }
        let assessmentID = Ids.random(prefix: "V")
        let answers = PersonalText(Self.answersJSON(record.answers, score: score))
        return try withCase(session, caseID, action: "case.assess") { db, summary, vault in
            try db.execute(sql: """
                INSERT INTO assessments (id, case_id, form, form_digest, suggested_level, level, answers, note, assessed_by, assessed_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [assessmentID, caseID, form.code, form.digest, suggested, level,
                                 try vault.seal(answers, table: "assessments", column: "answers", row: assessmentID),
                                 try vault.sealIfPresent(note, table: "assessments", column: "note", row: assessmentID),
                                 session.user, Day.today()])
            var previous: String?
            if form.setsCaseRisk, summary.risk?.rawValue != level {
                previous = summary.risk?.rawValue ?? "none"
                try db.execute(sql: "UPDATE cases SET risk = ?, updated_on = ? WHERE id = ?", arguments: [level, Day.today(), caseID])
                try recordEvent(db, caseID: caseID, kind: "updated", by: session.user, from: nil, to: nil,
                                detail: "risk \(previous ?? "none") → \(level) (\(form.code))")
            }
            try activateIfOpen(db, summary, by: session.user)
            return AssessmentResult(id: assessmentID, score: score, suggestedLevel: suggested, level: level, riskChangedFrom: previous)
        }
    }

    /// The case's assessments, newest first.
    func loadAssessments(_ db: Database, caseID: String, vault: PersonVault?) throws -> [AssessmentView] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM assessments WHERE case_id = ? ORDER BY assessed_on DESC, rowid DESC"),
                         arguments: [caseID]).map { row in
            let id: String = row["id"]
            let form: String = row["form"]
            let sealed = try vault?.openIfPresent(row.optionalBytes("answers"), table: "assessments", column: "answers", row: id)
            let decoded = try sealed.map { try Self.decodeAnswers($0, record: id) }
            return AssessmentView(id: id, form: form, formDigest: row["form_digest"],
                                  suggestedLevel: row["suggested_level"], level: row["level"], answers: decoded?.answers, score: decoded?.score,
                                  note: try vault?.openIfPresent(row.optionalBytes("note"), table: "assessments", column: "note", row: id),
                                  assessedBy: row["assessed_by"], assessedOn: row["assessed_on"])
        }
    }

    /// Canonical JSON: `{"answers": {...}, "score": n}` with sorted keys.
    static func answersJSON(_ answers: [String: String], score: Int) -> String {
        let object = JSONValue.object(["answers": .object(answers.mapValues { .string($0) }), "score": .int(score)])
        return object.canonical
    }

    static func decodeAnswers(_ text: PersonalText, record: String) throws -> (answers: [String: String], score: Int) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.revealed.utf8)) as? [String: Any],
              let answers = object["answers"] as? [String: String], let score = object["score"] as? Int else {
            throw CaunoiError.integrityFailure(record: "\(record) (assessments.answers)")
        }
        return (answers, score)
    }
}
