import Cases

/// The caseworker's daily work as text (issue 15): plan, services, family, documents,
/// contacts and follow-ups, one entry per item, codes by their labels, days as dd/mm/yyyy.
/// Both faces show these lists (`case show`, the case page).
extension CaseText {
    /// One entry per goal (its id, need, status, who and by when, what it says), then one
    /// indented entry per service planned for it.
    public static func planEntries(_ goals: [GoalView], labels: CodeLabels) -> [String] {
        let lang = labels.lang
        return goals.flatMap { g -> [String] in
            let parts = [labels.need(g.need), labels.goalStatus(g.status), g.responsible, g.target.map { "\(Text.field(.target).text(lang)) \(DisplayFormat.day($0))" },
                         g.description?.display]
            let head = "[\(g.id)] " + parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            return [head] + g.planned.map { p in
                "  → " + [labels.service(p.service), labels.provider(p.agency), p.responsible,
                          p.target.map { "\(Text.field(.target).text(lang)) \(DisplayFormat.day($0))" }].compactMap { $0 }.joined(separator: " · ")
            }
        }
    }

    /// One entry per service delivered: day, service, provider, outcome, the goal it served.
    public static func deliveredEntries(_ delivered: [DeliveredService], labels: CodeLabels) -> [String] {
        delivered.map { d in
            let parts = [labels.service(d.service), labels.provider(d.agency), labels.serviceOutcome(d.outcome), d.goal, d.note?.display]
            return "[\(DisplayFormat.day(d.day)) \(d.recordedBy)] " + parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        }
    }

    /// One entry per assessment, newest first: day, who, form, the level decided (and the one
    /// suggested when it differs), the score, the note.
    public static func assessmentEntries(_ assessments: [AssessmentView], labels: CodeLabels) -> [String] {
        let lang = labels.lang
        return assessments.map { a in
            let suggested = a.level == a.suggestedLevel ? nil
                : (lang == .vi ? "gợi ý: " : "suggested: ") + labels.assessmentLevel(a.form, a.suggestedLevel)
            let wording = a.askedWithCurrentWording(labels.policy) ? nil : (lang == .vi ? "(mẫu cũ)" : "(earlier wording)")
            let parts = [labels.assessmentForm(a.form) + ": " + labels.assessmentLevel(a.form, a.level), suggested,
                         a.score.map { (lang == .vi ? "điểm " : "score ") + String($0) }, wording, a.note?.display]
            return "[\(a.id) \(DisplayFormat.day(a.assessedOn)) \(a.assessedBy)] " + parts.compactMap { $0 }.joined(separator: " · ")
        }
    }

    /// Her answers to one assessment, question by question in the form's order (questions the
    /// form no longer asks last).
    public static func answerEntries(_ assessment: AssessmentView, labels: CodeLabels) -> [String] {
        guard let answers = assessment.answers else { return [] }
        let order = labels.policy.assessments.first { $0.code == assessment.form }?.questions.map(\.entry.code) ?? []
        let keys = order.filter { answers[$0] != nil } + answers.keys.filter { !order.contains($0) }.sorted()
        return keys.map { "\(labels.assessmentQuestion(assessment.form, $0)) — \(labels.assessmentAnswer(assessment.form, answers[$0] ?? ""))" }
    }

    /// A form as a reader needs it to answer it: each question's code and label (under its
    /// group), the answer codes, and how a level is suggested.
    public static func formLines(_ form: AssessmentForm, labels: CodeLabels) -> [String] {
        let lang = labels.lang
        var lines = ["\(form.code): \(form.entry.label(lang))",
                     (lang == .vi ? "Câu trả lời: " : "Answers: ") + form.answers.map { "\($0.entry.code) (\($0.entry.label(lang)))" }.joined(separator: ", "),
                     (lang == .vi ? "Mức độ: " : "Levels: ") + form.levels.map { "\($0.entry.code) (\($0.entry.label(lang))) ≥ \($0.minScore)" }
                        .joined(separator: ", ")]
        var group: String?
        for question in form.questions {
            if question.group != group, let code = question.group {
                group = code
                lines.append("[\(form.groups.first { $0.code == code }?.label(lang) ?? code)]")
            }
            let floor = question.atLeast.map { " → ≥ \(form.level($0)?.entry.label(lang) ?? $0)" } ?? ""
            lines.append("  \(question.entry.code) (×\(question.weight)\(floor)): \(question.entry.label(lang))")
        }
        return lines
    }

    /// One entry per document of her checklist: held or needed.
    public static func documentEntries(_ documents: [DocumentEntry], labels: CodeLabels) -> [String] {
        documents.map { "\(labels.documentStatus($0.status)): \(labels.document($0.document)) [\(DisplayFormat.day($0.updatedOn)) \($0.updatedBy)]" }
    }

    /// One entry per attachment: its id (what `case attachment get` takes), title, document and size.
    public static func attachmentEntries(_ attachments: [AttachmentView], labels: CodeLabels) -> [String] {
        attachments.map { a in
            let parts = [a.title?.display, a.document.map(labels.document), DisplayFormat.size(a.bytes)]
            return "[\(a.id)] " + parts.compactMap { $0 }.joined(separator: " · ") + " [\(DisplayFormat.day(a.addedOn)) \(a.addedBy)]"
        }
    }

    /// One entry per contact: day and time, who, kind, how long, and the summary.
    public static func contactEntries(_ contacts: [ContactView], labels: CodeLabels) -> [String] {
        contacts.map { c in
            let when = [DisplayFormat.day(c.day), c.time?.display].compactMap { $0 }.joined(separator: " ")
            let minutes = c.minutes.map { labels.lang == .vi ? "\($0) phút" : "\($0) min" }
            let recorded = c.recordedBy == c.staff ? nil
                : (labels.lang == .vi ? "ghi bởi " : "written down by ") + c.recordedBy
            let parts = [labels.contactKind(c.kind), minutes, recorded, c.summary?.display].compactMap { $0 }.filter { !$0.isEmpty }
            return "[\(when) \(c.staff)] " + parts.joined(separator: " · ")
        }
    }

    /// One entry per follow-up: due day, whose, why, and who marked it done when.
    public static func followUpEntries(_ followUps: [FollowUpNote], labels: CodeLabels) -> [String] {
        followUps.map { entry in
            let f = entry.followUp
            return "[\(DisplayFormat.day(f.due)) \(f.assignedTo ?? managersLabel(labels.lang))] " + followUpParts(f, note: entry.note, labels: labels)
        }
    }

    /// Why, what about, and whether done: one follow-up described for any list of them.
    public static func followUpParts(_ f: FollowUp, note: PersonalText?, labels: CodeLabels) -> String {
        let lang = labels.lang
        let detail = switch f.reason {
        case .closureRequest: f.detail.map(labels.outcome)
        case .shelterStayEnding: f.detail.map(DisplayFormat.day)
        default: f.detail
        }
        let done = f.doneOn.map { (lang == .vi ? "đã xong " : "done ") + DisplayFormat.day($0) + (f.doneBy.map { " (\($0))" } ?? "") }
        return [labels.followUpReason(f.reason), detail, note?.display, done].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// Whose a follow-up is when nobody is assigned.
    public static func managersLabel(_ lang: Language) -> String { lang == .vi ? "quản lý" : "managers" }
}
