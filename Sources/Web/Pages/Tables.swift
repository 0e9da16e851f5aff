import Cases
import Views

/// The tables several pages share: cases (plain codes by their labels, never a personal
/// field) and referrals. Each row's id links to its page.
struct Tables {
    let labels: CodeLabels
    var lang: Language { labels.lang }

    func cases(_ cases: [CaseSummary]) -> HTML {
        guard !cases.isEmpty else { return "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>" }
        let head = [Text.Field.caseID, .programme, .status, .risk, .assignedTo, .opened].map { field -> HTML in
            "<th scope=\"col\">\(Text.field(field).text(lang))</th>"
        }
        let rows = cases.map { c -> HTML in
            """
            <tr><td><a href="/cases/\(c.id)">\(c.id)</a></td><td>\(labels.programme(c.programme))</td><td>\(labels.status(c.status))</td>\
            <td>\(c.risk.map(labels.risk) ?? "—")</td><td>\(c.assignedTo ?? "—")</td><td>\(DisplayFormat.day(c.openedOn))</td></tr>
            """
        }
        return "<table><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table>"
    }

    /// Follow-ups due (no personal data: case, why, due day, whose), overdue ones marked.
    func followUps(_ followUps: [FollowUp], today: String = Now.vietnamToday()) -> HTML {
        guard !followUps.isEmpty else { return "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>" }
        let head = [Text.Field.caseID, .reason, .due, .assignedTo].map { field -> HTML in
            "<th scope=\"col\">\(Text.field(field).text(lang))</th>"
        }
        let rows = followUps.map { f -> HTML in
            let overdue = f.isOverdue(on: today) ? " · " + labels.overdue : ""
            return """
                <tr><td><a href="/cases/\(f.caseID)">\(f.caseID)</a></td><td>\(CaseText.followUpParts(f, note: nil, labels: labels))</td>\
                <td>\(DisplayFormat.day(f.due))\(overdue)</td><td>\(f.assignedTo ?? CaseText.managersLabel(lang))</td></tr>
                """
        }
        return "<table><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table>"
    }

    func referrals(_ referrals: [Referral]) -> HTML {
        guard !referrals.isEmpty else { return "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>" }
        let due = lang == .vi ? "Hạn trả lời" : "Answer due"
        let head: HTML = """
            <th scope="col">\(Text.field(.referrals).text(lang))</th><th scope="col">\(Text.field(.caseID).text(lang))</th>\
            <th scope="col">\(Text.field(.agency).text(lang))</th><th scope="col">\(Text.field(.service).text(lang))</th>\
            <th scope="col">\(Text.field(.status).text(lang))</th><th scope="col">\(due)</th>
            """
        let rows = referrals.map { r -> HTML in
            """
            <tr><td>\(r.id)</td><td><a href="/cases/\(r.caseID)">\(r.caseID)</a></td><td>\(r.agency)</td><td>\(labels.need(r.service))</td>\
            <td>\(labels.referralStatus(r.status))\(r.isOverdue() ? " · " + labels.overdue : "")</td><td>\(DisplayFormat.time(r.due))</td></tr>
            """
        }
        return "<table><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table>"
    }
}
