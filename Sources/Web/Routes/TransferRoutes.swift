import Cases
import Hummingbird
import Views

/// `POST /transfers/{id}/accept|decline`: the receiving centre's manager decides a transfer
/// (listed on her dashboard), then back to the dashboard with a notice. The core checks that
/// she is that centre's manager and that the transfer still waits.
struct TransferRoutes {
    let handler: Handler

    func add(to router: Router<WebContext>) {
        let store = handler.services.store
        let policy = handler.services.policy
        for (path, notice) in [("accept", "transfer-accepted"), ("decline", "transfer-declined")] {
            router.post("transfers/{id}/\(path)") { request, context in
                await handler.post(request, context) { signedIn, _ in
                    guard let id = context.parameters.get("id"), CaseRoutes.isCaseID(id) else { throw CaunoiError.transferNotFound("-") }
                    try await handler.core {
                        if path == "accept" {
                            try store.acceptTransfer(signedIn.session, policy: policy, id: id)
                        } else {
                            try store.declineTransfer(signedIn.session, id: id)
                        }
                    }
                    return PageResponse.redirect("/?done=\(notice)")
                }
            }
        }
    }
}

extension Tables {
    /// Transfers waiting for this centre, each with its accept and decline buttons.
    func incomingTransfers(_ transfers: [Transfer], csrf: String) -> HTML {
        guard !transfers.isEmpty else { return "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>" }
        let rows = transfers.map { t -> HTML in
            """
            <tr><td>\(t.id)</td><td>\(t.from)</td><td>\(t.cases.joined(separator: ", "))</td><td>\(DisplayFormat.day(t.requestedOn)) \(t.requestedBy)</td>\
            <td><form method="post" action="/transfers/\(t.id)/accept" class="inline"><input type="hidden" name="csrf" value="\(csrf)">\
            <button type="submit">\(PageText.accept.text(lang))</button></form>\
            <form method="post" action="/transfers/\(t.id)/decline" class="inline"><input type="hidden" name="csrf" value="\(csrf)">\
            <button type="submit">\(PageText.decline.text(lang))</button></form></td></tr>
            """
        }
        return "<table><tbody>\(rows)</tbody></table>"
    }
}
