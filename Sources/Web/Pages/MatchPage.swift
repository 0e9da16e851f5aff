import Cases
import Views

/// Shown instead of creating a second record of the same woman: the women of the centre who
/// share a name, phone or document number with the form, each with her cases and a button to
/// add the new case to her file, and one to go on with a new woman. The form's values travel
/// on in hidden fields (the page, like the form, is never cached).
struct MatchPage {
    let labels: CodeLabels
    let signedIn: SignedIn
    let form: FormData
    let matches: [PossibleMatch]
    var lang: Language { labels.lang }

    func render() -> HTML {
        let tables = Tables(labels: labels)
        let each = matches.map { match -> HTML in
            """
            <section><h2>\(Text.field(.person).text(lang)) \(match.person)</h2>\(tables.cases(match.cases))
            <form method="post" action="/cases">\(hidden(excluding: CaseForms.personalFields))\
            <input type="hidden" name="person" value="\(match.person)"><button type="submit">\(PageText.addToHer.text(lang))</button></form></section>
            """
        }
        let content: HTML = """
            <p>\(PageText.matchHint.text(lang))</p>\(each)
            <form method="post" action="/cases">\(hidden(excluding: []))<input type="hidden" name="new-person" value="yes">\
            <button type="submit">\(PageText.someoneElse.text(lang))</button></form>
            """
        return Layout(lang: lang, signedIn: signedIn).page(PageText.matchTitle.text(lang), content)
    }

    /// Every field of the submitted form but the token (a fresh one is added), the choice
    /// fields, and `excluding`.
    private func hidden(excluding: Set<String>) -> HTML {
        let kept = form.fields.filter { !["csrf", "person", "new-person"].contains($0.name) && !excluding.contains($0.name) && !$0.value.isEmpty }
        let inputs = kept.map { field -> HTML in "<input type=\"hidden\" name=\"\(field.name)\" value=\"\(field.value)\">" }
        return "<input type=\"hidden\" name=\"csrf\" value=\"\(signedIn.csrf)\">\(inputs)"
    }
}
