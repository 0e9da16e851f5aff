import Cases
import Views

/// The case page (docs/WEB.md): every field with its label, notes, consents, referrals and
/// history from the same view model as `caunoi case show`, an erased woman's case marked as
/// such, and the forms for the day's work on it.
struct CasePage {
    let view: CaseView
    let labels: CodeLabels
    let signedIn: SignedIn
    /// Colleagues of her centre a manager may assign the case to.
    var colleagues: [String] = []
    var widgets: Widgets
    /// The other centres a manager may transfer her to (code and name).
    var otherCentres: [(code: String, label: String)] = []
    /// The partner directory, for the plan's provider choices (id and name).
    var agencies: [(id: String, name: String)] = []
    /// The outcomes she may close with (the core's list: erasure's own is not one).
    var closingOutcomes: [CodeEntry] = []
    /// How this user may close the case (the core's rule, asked by the route).
    var closure = ClosureOptions(step: .close, mayDecline: false)
    /// Today in Vietnam, `YYYY-MM-DD`: the forms' default day, and what is overdue.
    var today = Now.vietnamToday()

    var lang: Language { labels.lang }

    func render(notice: String? = nil, warning: String? = nil) -> HTML {
        let s = view.summary
        let fields = CaseText.fields(view, labels: labels).map { field, value -> HTML in
            "<dt>\(Text.field(field).text(lang))</dt><dd>\(value)</dd>"
        }
        let erased = CaseText.erasureNotice(view, lang: lang).map { (text: String) -> HTML in "<p class=\"erased\">\(text)</p>" } ?? .empty
        let content: HTML = """
            \(erased)<dl class="fields">\(fields)</dl>
            \(list(.notes, CaseText.notes(view.notes)))
            \(view.erasure == nil ? noteForm : .empty)
            \(assessmentsSection)
            \(planSection)
            \(familySection)
            \(documentsSection)
            \(contactsSection)
            \(followUpsSection)
            \(list(.consents, CaseText.consentEntries(view.consents, labels: labels)))
            \(list(.referrals, CaseText.referralEntries(view.referrals, labels: labels)))
            \(list(.history, CaseText.historyEntries(view.events, labels: labels, status: labels.caseStatus)))
            \(view.erasure == nil ? work : .empty)
            \(transferSection)
            \(mergeSection)
            """
        return Layout(lang: lang, signedIn: signedIn).page(PageText.caseTitle(s.id).text(lang), notice: notice, warning: warning, content)
    }

    private func list(_ field: Text.Field, _ entries: [String]) -> HTML {
        guard !entries.isEmpty else { return .empty }
        return "<section><h2>\(Text.field(field).text(lang))</h2><ul>\(entries.map { entry -> HTML in "<li>\(entry)</li>" })</ul></section>"
    }

    var base: String { "/cases/\(view.summary.id)" }

    private var noteForm: HTML {
        """
        <section><h2>\(PageText.addNote.text(lang))</h2>
        <form method="post" action="\(base)/notes" class="stack">\(widgets.csrf(signedIn.csrf))
        \(widgets.textarea("text", Text.field(.notes).text(lang), required: true))
        <button type="submit">\(PageText.addNote.text(lang))</button></form></section>
        """
    }

    /// Edit, assign, close or reopen, as the case's status allows.
    private var work: HTML {
        let s = view.summary
        var parts: [HTML] = ["<p><a class=\"button\" href=\"\(base)/edit\">\(PageText.editCase.text(lang))</a></p>"]
        if signedIn.session.mayReach(.staff), !colleagues.isEmpty {
            parts.append("""
                <section><h2>\(PageText.assign.text(lang))</h2>
                <form method="post" action="\(base)/assign" class="stack">\(widgets.csrf(signedIn.csrf))
                \(widgets.select("to", PageText.assignTo.text(lang), options: colleagues.map { ($0, $0) }, selected: s.assignedTo, required: true))
                <button type="submit">\(PageText.assign.text(lang))</button></form></section>
                """)
        }
        if s.status == .closed {
            parts.append("""
                <section><h2>\(PageText.reopen.text(lang))</h2>
                <form method="post" action="\(base)/reopen" class="stack">\(widgets.csrf(signedIn.csrf))
                \(widgets.textarea("reason", PageText.reasonLabel.text(lang), required: true))
                <button type="submit">\(PageText.reopen.text(lang))</button></form></section>
                """)
        } else {
            parts.append(closeSection)
        }
        return parts.joined()
    }
}
