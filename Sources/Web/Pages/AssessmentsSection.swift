import Cases
import Views

/// The case page's assessments section (issue 15): the history, newest first, each with its
/// answers folded away, and one form per assessment form of the policy.
extension CasePage {
    var assessmentsSection: HTML {
        let history = view.assessments.map { a -> HTML in
            let answers = CaseText.answerEntries(a, labels: labels).map { entry -> HTML in "<li>\(entry)</li>" }
            let folded: HTML = answers.isEmpty ? .empty
                : "<details><summary>\(PageText.showAnswers.text(lang))</summary><ul>\(answers)</ul></details>"
            return "<li>\(CaseText.assessmentEntries([a], labels: labels).joined())\(folded)</li>"
        }
        var parts: [HTML] = []
        if !history.isEmpty { parts.append("<ul class=\"assessments\">\(history)</ul>") }
        guard view.erasure == nil, view.summary.status != .closed else { return parts.isEmpty ? .empty : section(.assessments, parts.joined()) }
        parts += labels.policy.assessments.map(assessmentForm)
        return section(.assessments, parts.joined())
    }

    /// The form field of a question: `q-<code>` (question codes are lowercase and hyphens).
    static func field(_ question: String) -> String { "q-\(question)" }

    private func assessmentForm(_ form: AssessmentForm) -> HTML {
        let scope = "assess-\(form.code)"
        let w = widgets.scoped(scope)
        let answers = form.answers.map { ($0.entry.code, $0.entry.label(lang)) }
        var questions: [HTML] = []
        var group: String?
        for question in form.questions {
            if question.group != group, let code = question.group {
                group = code
                questions.append("<h3>\(form.groups.first { $0.code == code }?.label(lang) ?? code)</h3>")
            }
            questions.append(w.radios(Self.field(question.entry.code), question.entry.label(lang), options: answers, required: true))
        }
        let levels = form.levels.map { ($0.entry.code, $0.entry.label(lang)) }
        return """
            <details\(w.form != nil ? HTML(" open") : .empty)><summary>\(PageText.assessWith(form.entry.label(lang)).text(lang))</summary>
            <form method="post" action="\(base)/assessments" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField(scope))
            <input type="hidden" name="assessment" value="\(form.code)">\(w.problemLine("answer"))
            \(questions)
            \(w.select("level", Text.field(.level).text(lang), options: levels, blank: PageText.asSuggested.text(lang)))
            <small class="muted">\(PageText.levelHint.text(lang))</small>
            \(w.textarea("note", Text.field(.note).text(lang)))
            <button type="submit">\(PageText.save.text(lang))</button></form></details>
            """
    }
}
