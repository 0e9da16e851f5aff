import Cases
import Views

/// The case page's family section (issue 15): her children and foreign spouse or former
/// spouse, a form to add each, and a short form per child and spouse for what changes most
/// (a registration completed, a divorce recognised). Several forms share field names, so each
/// is scoped (`Widgets.scoped`).
extension CasePage {
    var familySection: HTML {
        let listed = CaseText.childEntries(view.children, labels: labels) + CaseText.spouseEntries(view.spouses, labels: labels)
        let entries: HTML = listed.isEmpty ? .empty : "<ul>\(listed.map { entry -> HTML in "<li>\(entry)</li>" })</ul>"
        guard view.erasure == nil else { return listed.isEmpty ? .empty : section(.family, entries) }
        let forms = view.children.map(childUpdateForm) + view.spouses.map(spouseUpdateForm) + [addChildForm, addSpouseForm]
        return section(.family, ([entries] + forms).joined())
    }

    private var registrations: [(code: String, label: String)] { labels.policy.birthRegistration.options(lang) }
    private var nationalities: [(code: String, label: String)] { labels.policy.nationalityStatus.options(lang) }
    private var yesNo: [(code: String, label: String)] { [("yes", labels.yesNo(true)), ("no", labels.yesNo(false))] }

    private func opened(_ w: Widgets) -> HTML { w.form != nil ? HTML(" open") : .empty }

    private var addChildForm: HTML {
        let w = widgets.scoped("child")
        return """
            <details\(opened(w))><summary>\(PageText.addChild.text(lang))</summary>
            <form method="post" action="\(base)/children" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField("child"))
            \(w.text("name", Text.field(.name).text(lang)))
            \(w.text("dob", Text.field(.dob).text(lang), type: "date"))
            \(w.select("sex", Text.field(.sex).text(lang), options: ChildSex.allCases.map { ($0.rawValue, labels.sex($0.rawValue)) }))
            \(w.typedCode("birth-country", Text.field(.birthCountry).text(lang), options: labels.policy.countries.options(lang)))
            \(w.select("registration", Text.field(.birthRegistration).text(lang), options: registrations, selected: "unknown"))
            \(w.select("nationality", Text.field(.nationality).text(lang), options: nationalities, selected: "unknown"))
            \(w.select("lives-with-her", Text.field(.livesWithHer).text(lang), options: yesNo))
            \(w.checkboxes("need", Text.field(.concerns).text(lang), options: view.summary.needs.map { ($0, labels.need($0)) }))
            <button type="submit">\(PageText.addChild.text(lang))</button></form></details>
            """
    }

    private func childUpdateForm(_ child: ChildView) -> HTML {
        let scope = "child-\(child.id)"
        let w = widgets.scoped(scope)
        let title = child.name?.display ?? child.id
        return """
            <details\(opened(w))><summary>\(PageText.updateChild(title).text(lang))</summary>
            <form method="post" action="\(base)/children/update" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField(scope))
            <input type="hidden" name="child" value="\(child.id)">
            \(w.select("registration", Text.field(.birthRegistration).text(lang), options: registrations, selected: child.birthRegistration))
            \(w.select("nationality", Text.field(.nationality).text(lang), options: nationalities, selected: child.nationality))
            \(w.select("lives-with-her", Text.field(.livesWithHer).text(lang), options: yesNo,
                       selected: child.livesWithHer.map { $0 ? "yes" : "no" }))
            <button type="submit">\(PageText.save.text(lang))</button></form></details>
            """
    }

    private var addSpouseForm: HTML {
        let w = widgets.scoped("spouse")
        return """
            <details\(opened(w))><summary>\(PageText.addSpouse.text(lang))</summary>
            <form method="post" action="\(base)/spouses" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField("spouse"))
            \(w.select("relation", Text.field(.relation).text(lang), options: SpouseRelation.allCases.map { ($0.rawValue, labels.relation($0)) },
                       required: true))
            \(w.typedCode("nationality", Text.field(.nationality).text(lang), options: labels.policy.countries.options(lang)))
            \(w.text("name", Text.field(.name).text(lang)))
            \(w.text("contact", Text.field(.contact).text(lang)))
            <button type="submit">\(PageText.addSpouse.text(lang))</button></form></details>
            """
    }

    private func spouseUpdateForm(_ spouse: SpouseView) -> HTML {
        let scope = "spouse-\(spouse.id)"
        let w = widgets.scoped(scope)
        return """
            <form method="post" action="\(base)/spouses/update" class="inline">\(w.csrf(signedIn.csrf))\(Widgets.scopeField(scope))\
            <input type="hidden" name="spouse" value="\(spouse.id)">\
            <input type="hidden" name="relation" value="\(spouse.relation == .spouse ? SpouseRelation.formerSpouse.rawValue : SpouseRelation.spouse.rawValue)">\
            <button type="submit">\(spouse.relation == .spouse ? PageText.nowFormerSpouse.text(lang) : PageText.nowSpouse.text(lang))</button></form>
            """
    }
}
