import Cases
import Views

/// The central review queue as a page: one section per referral with what the officer needs
/// to decide and nothing of the case beyond its disclosure.
struct ReviewPage {
    let labels: CodeLabels
    let signedIn: SignedIn
    let queue: [ReferralView]

    var lang: Language { labels.lang }

    func render(notice: String?) -> HTML {
        let content: HTML = queue.isEmpty ? "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>" : queue.map(item).joined()
        return Layout(lang: lang, signedIn: signedIn).page(PageText.reviewQueue.text(lang), notice: notice, content)
    }

    private func item(_ view: ReferralView) -> HTML {
        let r = view.referral
        let lines = ReferralText.lines(view, labels: labels).dropFirst().map { line -> HTML in "<li>\(line.trimmingCharacters(in: .whitespaces))</li>" }
        let head = "\(r.id) · \(r.agency) · \(labels.need(r.service)) · \(labels.priority(r.priority)) · \(labels.referralStatus(r.status))"
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf\" value=\"\(signedIn.csrf)\">"
        let forms: HTML
        if view.review?.afterTheFact == true {
            forms = """
                <form method="post" action="/review/\(r.id)/after" class="stack">\(csrf)
                <label for="after-\(r.id)">\(Text.field(.note).text(lang))</label><textarea id="after-\(r.id)" name="note" rows="2"></textarea>
                <button type="submit">\(PageText.reviewAfter.text(lang))</button></form>
                """
        } else {
            forms = """
                <form method="post" action="/review/\(r.id)/approve" class="stack">\(csrf)
                <label for="approve-\(r.id)">\(Text.field(.note).text(lang))</label><textarea id="approve-\(r.id)" name="note" rows="2"></textarea>
                <button type="submit">\(PageText.approve.text(lang))</button></form>
                <form method="post" action="/review/\(r.id)/return" class="stack">\(csrf)
                <label for="return-\(r.id)">\(PageText.reasonLabel.text(lang)) *</label><textarea id="return-\(r.id)" name="note" rows="2" required></textarea>
                <button type="submit">\(PageText.returnToCentre.text(lang))</button></form>
                """
        }
        return "<section><h2>\(head)</h2><ul>\(lines)</ul>\(forms)</section>"
    }
}
