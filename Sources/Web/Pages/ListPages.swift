import Cases
import Views

/// The case list with its filters and paging (plain codes by their labels only), and the find
/// page (POSTed, so what was typed never reaches a URL or a log).
struct ListPages {
    let labels: CodeLabels
    let signedIn: SignedIn
    var lang: Language { labels.lang }

    static let pageSize = 50

    func caseList(_ page: CaseListPage, filter: CaseFilter, number: Int, staff: [String]) -> HTML {
        let widgets = Widgets(lang: lang)
        let statuses = CaseStatus.allCases.map { ($0.rawValue, labels.status($0)) }
        let programmes = Programme.allCases.map { ($0.rawValue, labels.programme($0)) }
        let assignees = [("-", PageText.nobody.text(lang))] + staff.map { ($0, $0) }
        let assigned = filter.assignedTo.map { $0.isEmpty ? "-" : $0 }
        let pages = max(1, (page.total + Self.pageSize - 1) / Self.pageSize)
        func link(_ to: Int, _ text: PageText) -> HTML {
            var query = [("page", String(to))]
            if let status = filter.status { query.append(("status", status.rawValue)) }
            if let programme = filter.programme { query.append(("programme", programme.rawValue)) }
            if let assigned { query.append(("assigned", assigned)) }
            let href = "/cases?" + query.map { "\($0.0)=\(URLText.component($0.1))" }.joined(separator: "&")
            return "<a href=\"\(href)\">\(text.text(lang))</a>"
        }
        let paging: HTML = """
            <p>\(PageText.casesFound(page.total).text(lang)) · \(PageText.pageOf(number, pages).text(lang)) \
            \(number > 1 ? link(number - 1, .previous) : .empty) \(number < pages ? link(number + 1, .next) : .empty)</p>
            """
        let content: HTML = """
            <form method="get" action="/cases" class="stack filters">
            \(widgets.select("status", Text.field(.status).text(lang), options: statuses, selected: filter.status?.rawValue, blank: PageText.allStatuses.text(lang)))
            \(widgets.select("programme", Text.field(.programme).text(lang), options: programmes, selected: filter.programme?.rawValue,
                             blank: PageText.allProgrammes.text(lang)))
            \(widgets.select("assigned", Text.field(.assignedTo).text(lang), options: assignees, selected: assigned, blank: PageText.anyone.text(lang)))
            <button type="submit">\(PageText.filter.text(lang))</button></form>
            \(paging)\(Tables(labels: labels).cases(page.cases))
            """
        return Layout(lang: lang, signedIn: signedIn).page(PageText.cases.text(lang), content)
    }

    func find(form: FormData? = nil, results: FindResult? = nil, problem: (field: String, message: String)? = nil) -> HTML {
        let widgets = Widgets(lang: lang, form: form, problem: problem)
        var found: HTML = .empty
        if let results {
            let rows = results.cases.map { hit -> HTML in
                """
                <tr><td><a href="/cases/\(hit.id)">\(hit.id)</a></td><td>\(hit.name)</td><td>\(labels.programme(hit.programme))</td>\
                <td>\(labels.status(hit.status))</td><td>\(hit.centre)</td></tr>
                """
            }
            found = results.cases.isEmpty ? "<p>\(PageText.noMatch.text(lang))</p>" : """
                \(results.more ? HTML("<p class=\"warning\">\(PageText.moreMatches(CaseStore.defaultFindLimit).text(lang))</p>") : .empty)
                <table><thead><tr><th>\(Text.field(.caseID).text(lang))</th><th>\(Text.field(.name).text(lang))</th>\
                <th>\(Text.field(.programme).text(lang))</th><th>\(Text.field(.status).text(lang))</th><th>\(Text.field(.centre).text(lang))</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                """
        }
        let content: HTML = """
            <p class="muted">\(PageText.findHint.text(lang))</p>
            <form method="post" action="/find" class="stack">\(widgets.csrf(signedIn.csrf))
            \(widgets.text("name", Text.field(.name).text(lang)))
            \(widgets.text("phone", Text.field(.phones).text(lang)))
            \(widgets.text("id-number", Text.field(.idNumber).text(lang)))
            \(widgets.text("passport", Text.field(.passport).text(lang)))
            <button type="submit">\(PageText.searchButton.text(lang))</button></form>
            \(found)
            """
        return Layout(lang: lang, signedIn: signedIn).page(PageText.findTitle.text(lang), warning: problem.map { _ in PageText.badFormTitle.text(lang) },
                                                           content)
    }

    func passphrase(form: FormData? = nil, problem: (field: String, message: String)? = nil) -> HTML {
        let widgets = Widgets(lang: lang, form: nil, problem: problem)
        let content: HTML = """
            <form method="post" action="/me/passphrase" class="stack">\(widgets.csrf(signedIn.csrf))
            \(widgets.text("current-passphrase", PageText.currentPassphrase.text(lang), type: "password", required: true, autocomplete: "current-password"))
            \(widgets.text("new-passphrase", PageText.newPassphrase.text(lang), type: "password", required: true, autocomplete: "new-password"))
            \(widgets.text("new-passphrase-again", PageText.repeatPassphrase.text(lang), type: "password", required: true, autocomplete: "new-password"))
            <button type="submit">\(PageText.save.text(lang))</button></form>
            """
        return Layout(lang: lang, signedIn: signedIn).page(PageText.passphraseTitle.text(lang),
                                                           warning: problem.map { _ in PageText.badFormTitle.text(lang) }, content)
    }
}
