import Cases
import Views

/// The case page's documents section (issue 15): the checklist of what she holds or needs,
/// the files attached (each a download link), and the forms for both. The upload form is
/// `multipart/form-data`, the only form of the application that is.
extension CasePage {
    var documentsSection: HTML {
        let checklist = CaseText.documentEntries(view.documents, labels: labels).map { entry -> HTML in "<li>\(entry)</li>" }
        let files = view.attachments.map { a -> HTML in
            let parts = [a.title?.display, a.document.map(labels.document), DisplayFormat.size(a.bytes)].compactMap { $0 }.joined(separator: " · ")
            let link: HTML = view.erasure == nil ? " <a href=\"\(base)/attachments/\(a.id)\">\(PageText.download.text(lang))</a>" : .empty
            return "<li>[\(a.id)] \(parts) [\(DisplayFormat.day(a.addedOn)) \(a.addedBy)]\(link)</li>"
        }
        var parts: [HTML] = []
        if !checklist.isEmpty { parts.append("<ul>\(checklist)</ul>") }
        if !files.isEmpty { parts.append("<h3>\(Text.field(.attachments).text(lang))</h3><ul>\(files)</ul>") }
        guard view.erasure == nil else { return parts.isEmpty ? .empty : section(.documents, parts.joined()) }
        let documents = labels.policy.documents.options(lang)
        let checklistWidgets = widgets.scoped("documents")
        parts.append("""
            <details\(checklistWidgets.form != nil ? HTML(" open") : .empty)><summary>\(PageText.setDocument.text(lang))</summary>
            <form method="post" action="\(base)/documents" class="stack">\(checklistWidgets.csrf(signedIn.csrf))\(Widgets.scopeField("documents"))
            \(checklistWidgets.select("document", Text.field(.document).text(lang), options: documents, required: true, blank: PageText.chooseOne.text(lang)))
            \(checklistWidgets.select("status", Text.field(.status).text(lang),
                                      options: [("holds", PageText.holds.text(lang)), ("needs", PageText.needs.text(lang)),
                                                ("none", PageText.offTheList.text(lang))], required: true))
            <button type="submit">\(PageText.setDocument.text(lang))</button></form></details>
            """)
        let upload = widgets.scoped("attach")
        parts.append("""
            <details\(upload.form != nil ? HTML(" open") : .empty)><summary>\(PageText.attachFile.text(lang))</summary>
            <form method="post" action="\(base)/attachments" enctype="multipart/form-data" class="stack">\(upload.csrf(signedIn.csrf))\(Widgets.scopeField("attach"))
            \(upload.file("file", Text.field(.attachments).text(lang), required: true,
                          hint: PageText.attachHint(labels.policy.casework.attachmentMaxBytes >> 20).text(lang)))
            \(upload.select("document", Text.field(.document).text(lang), options: documents))
            \(upload.text("title", Text.field(.title).text(lang)))
            <button type="submit">\(PageText.attachFile.text(lang))</button></form></details>
            """)
        return section(.documents, parts.joined())
    }
}
