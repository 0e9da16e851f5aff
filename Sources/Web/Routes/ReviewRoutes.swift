import Cases
import Hummingbird
import Views

/// `/review` (docs/WEB.md): a central officer's queue, oldest first, each referral with why it
/// is reviewed, who sent it and since when, what changed since a return, exactly what it would
/// disclose and its history; `POST /review/{id}/approve|return|after` decide, then back to the
/// queue with a notice. The core refuses everyone but central officers.
struct ReviewRoutes {
    let handler: Handler

    /// The notice after a decision: a fixed word, never anything typed.
    enum Decision: String, CaseIterable {
        case approve, `return`, after

        var notice: PageText {
            switch self {
            case .approve: .reviewApprovedNotice
            case .return: .reviewReturnedNotice
            case .after: .reviewAfterNotice
            }
        }
    }

    func add(to router: Router<WebContext>) {
        let store = handler.services.store
        let policy = handler.services.policy
        router.get("review") { request, context in
            await handler.page(request, context) { signedIn in
                let queue = try await handler.core { try store.reviewQueue(signedIn.session) }
                let notice = request.uri.queryParameters.get("done").flatMap { Decision(rawValue: String($0)) }?.notice.text(context.lang)
                let page = ReviewPage(labels: CodeLabels(policy: policy, lang: context.lang), signedIn: signedIn, queue: queue)
                return PageResponse.html(page.render(notice: notice))
            }
        }
        for decision in Decision.allCases {
            router.post("review/{id}/\(decision.rawValue)") { request, context in
                await handler.post(request, context) { signedIn, form in
                    // Referral ids look like case ids with "-R<n>": the same characters, checked before the core sees them.
                    guard let id = context.parameters.get("id"), CaseRoutes.isCaseID(id) else { throw CaunoiError.referralNotFound("-") }
                    let note = form.value("note").map(PersonalText.init)
                    try await handler.core {
                        switch decision {
                        case .approve: _ = try store.approveReferral(signedIn.session, id: id, note: note)
                        case .return: _ = try store.returnReferral(signedIn.session, id: id, reason: note ?? PersonalText(""))
                        case .after: _ = try store.reviewAfterTheFact(signedIn.session, id: id, note: note)
                        }
                    }
                    return PageResponse.redirect("/review?done=\(decision.rawValue)")
                }
            }
        }
    }
}
