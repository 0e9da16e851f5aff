import Cases
import Views

/// The open-case form and the edit form. Codes are `<select>`s and checkboxes with their
/// labels; province and country may be typed by name; several phones, other names and needs.
/// On edit, lists change by adding and removing items (a need unticked is removed, a phone
/// ticked for removal goes), never by replacing the whole list.
struct CaseFormPage {
    let labels: CodeLabels
    let signedIn: SignedIn
    var widgets: Widgets
    var lang: Language { labels.lang }
    var policy: Policy { labels.policy }

    func open() -> HTML {
        let w = widgets
        let programmes = Programme.allCases.map { ($0.rawValue, labels.programme($0)) }
        let content: HTML = """
            <form method="post" action="/cases" class="stack">\(w.csrf(signedIn.csrf))
            <fieldset><legend>\(PageText.caseSection.text(lang))</legend>
            \(w.select("programme", Text.field(.programme).text(lang), options: programmes, required: true, blank: PageText.chooseOne.text(lang)))
            \(w.select("risk", Text.field(.risk).text(lang), options: policy.riskLevels.options(lang)))
            \(w.typedCode("origin-province", Text.field(.origin).text(lang), options: policy.provinces.options(lang)))
            \(w.typedCode("destination", Text.field(.destination).text(lang), options: policy.countries.options(lang)))
            \(w.select("migration", Text.field(.migration).text(lang), options: policy.migrationTypes.options(lang)))
            \(w.checkboxes("need", Text.field(.needs).text(lang), options: policy.needs.options(lang)))
            \(w.text("association", Text.field(.association).text(lang), hint: PageText.optional.text(lang)))
            \(w.select("request", Text.field(.supportRequest).text(lang), options: policy.supportRequests.options(lang)))
            </fieldset>
            <fieldset><legend>\(PageText.personSection.text(lang))</legend>
            \(w.text("name", Text.field(.name).text(lang), required: true))
            \(w.repeated("other-name", Text.field(.otherNames).text(lang), count: 1))
            \(w.text("dob", Text.field(.dob).text(lang), type: "date"))
            \(w.text("birth-year", Text.field(.birthYear).text(lang), type: "number"))
            \(w.repeated("phone", Text.field(.phones).text(lang), count: 3))
            \(w.text("email", Text.field(.email).text(lang), type: "email"))
            \(w.text("id-number", Text.field(.idNumber).text(lang)))
            \(w.text("passport", Text.field(.passport).text(lang)))
            \(w.text("address", Text.field(.address).text(lang)))
            \(w.text("safe-contact", Text.field(.safeContact).text(lang)))
            \(w.textarea("note", Text.field(.notes).text(lang)))
            </fieldset>
            <button type="submit">\(PageText.openButton.text(lang))</button>
            </form>
            """
        return Layout(lang: lang, signedIn: signedIn).page(PageText.openCaseTitle.text(lang),
                                                           warning: widgets.problem == nil ? nil : PageText.badFormTitle.text(lang), content)
    }

    func edit(_ view: CaseView) -> HTML {
        let w = widgets
        let s = view.summary
        let had = s.needs.map { code -> HTML in "<input type=\"hidden\" name=\"had-need\" value=\"\(code)\">" }
        let was: [(String, String?)] = [("risk", s.risk?.rawValue), ("origin-province", s.originProvince.map(labels.province)),
                                         ("destination", s.destination.map(labels.country)), ("migration", s.migration)]
        let shown = was.map { name, value -> HTML in "<input type=\"hidden\" name=\"was-\(name)\" value=\"\(value ?? "")\">" }
        let removable = { (name: String, values: [PersonalText]) -> HTML in
            values.map { value -> HTML in
                "<label><input type=\"checkbox\" name=\"\(name)\" value=\"\(value.display)\"> \(value.display)</label>"
            }.joined()
        }
        let content: HTML = """
            <p class="muted">\(PageText.editHint.text(lang))</p>
            <form method="post" action="/cases/\(s.id)/edit" class="stack">\(w.csrf(signedIn.csrf))\(had)\(shown)
            <fieldset><legend>\(PageText.caseSection.text(lang))</legend>
            \(w.select("risk", Text.field(.risk).text(lang), options: policy.riskLevels.options(lang), selected: s.risk?.rawValue))
            \(w.typedCode("origin-province", Text.field(.origin).text(lang), options: policy.provinces.options(lang),
                          value: s.originProvince.map(labels.province)))
            \(w.typedCode("destination", Text.field(.destination).text(lang), options: policy.countries.options(lang),
                          value: s.destination.map(labels.country)))
            \(w.select("migration", Text.field(.migration).text(lang), options: policy.migrationTypes.options(lang), selected: s.migration))
            \(w.checkboxes("need", Text.field(.needs).text(lang), options: policy.needs.options(lang), checked: Set(s.needs)))
            </fieldset>
            <fieldset><legend>\(PageText.personSection.text(lang))</legend>
            \(w.text("name", Text.field(.name).text(lang), hint: view.person.name?.display))
            \(w.text("dob", Text.field(.dob).text(lang), type: "date"))
            \(w.text("email", Text.field(.email).text(lang), type: "email"))
            \(w.text("id-number", Text.field(.idNumber).text(lang)))
            \(w.text("passport", Text.field(.passport).text(lang)))
            \(w.text("address", Text.field(.address).text(lang)))
            \(w.text("safe-contact", Text.field(.safeContact).text(lang)))
            <div class="checks"><label>\(PageText.removePhone.text(lang))</label>\(removable("remove-phone", view.person.phones))</div>
            \(w.repeated("add-phone", PageText.addPhone.text(lang), count: 1))
            <div class="checks"><label>\(PageText.removeOtherName.text(lang))</label>\(removable("remove-other-name", view.person.otherNames))</div>
            \(w.repeated("add-other-name", PageText.addOtherName.text(lang), count: 1))
            </fieldset>
            <button type="submit">\(PageText.save.text(lang))</button>
            </form>
            """
        return Layout(lang: lang, signedIn: signedIn).page("\(PageText.editCase.text(lang)) — \(s.id)",
                                                           warning: widgets.problem == nil ? nil : PageText.badFormTitle.text(lang), content)
    }
}
