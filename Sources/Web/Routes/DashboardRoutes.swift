import Cases
import Hummingbird
import Views

/// `GET /`: what each role sees first (docs/WEB.md). Staff see their work; the central officer
/// the review queue, oldest first; statisticians and admins never a person.
struct DashboardRoutes {
    let handler: Handler

    func add(to router: Router<WebContext>) {
        router.get("/") { request, context in
            await handler.page(request, context) { signedIn in
                let labels = CodeLabels(policy: handler.services.policy, lang: context.lang)
                let content = try await content(signedIn.session, labels: labels, csrf: signedIn.csrf)
                // A fixed word after a transfer was decided, never anything typed.
                let notice: PageText? = switch request.uri.queryParameters.get("done") {
                case "transfer-accepted": .transferAcceptedNotice
                case "transfer-declined": .transferDeclinedNotice
                default: nil
                }
                return PageResponse.html(Layout(lang: context.lang, signedIn: signedIn)
                    .page(PageText.dashboard.text(context.lang), notice: notice?.text(context.lang), content))
            }
        }
    }

    private func content(_ session: Session, labels: CodeLabels, csrf: String) async throws -> HTML {
        let store = handler.services.store
        let tables = Tables(labels: labels)
        let lang = labels.lang
        func section(_ title: PageText, _ body: HTML) -> HTML { "<section><h2>\(title.text(lang))</h2>\(body)</section>" }
        switch session.role {
        case .counsellor:
            let policy = handler.services.policy
            let week = Day.adding(days: 7, to: Now.vietnamToday())
            let (ahead, mine, waiting) = try await handler.core {
                (try store.dueFollowUps(session, policy: policy, scope: .mine, through: week),
                 try store.listCases(session, CaseFilter(assignedTo: session.user, activeOnly: true)).cases,
                 try store.referrals(session, status: .sent, overdue: false))
            }
            // Due today and overdue first; what falls due in the coming week below it.
            let due = ahead.filter { $0.isDue() }
            let coming = ahead.filter { !$0.isDue() }
            return [section(.dueFollowUps, tables.followUps(due)),
                    coming.isEmpty ? .empty : section(.comingFollowUps, tables.followUps(coming)),
                    section(.myCases, tables.cases(mine)),
                    section(.awaitingAnswer, tables.referrals(waiting))].joined()
        case .manager:
            let policy = handler.services.policy
            let (due, active, overdue, incoming) = try await handler.core {
                (try store.dueFollowUps(session, policy: policy, scope: .centre),
                 try store.listCases(session, CaseFilter(activeOnly: true)).cases, try store.referrals(session, status: nil, overdue: true),
                 try store.transfers(session, incomingOnly: true))
            }
            let unassigned = active.filter { $0.assignedTo == nil }
            let load = Dictionary(grouping: active.compactMap(\.assignedTo), by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
            let loadRows = load.map { user, count -> HTML in "<tr><td>\(user)</td><td>\(count)</td></tr>" }
            let workload: HTML = load.isEmpty ? "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>"
                : "<table><tbody>\(loadRows)</tbody></table>"
            return [section(.centreFollowUps, tables.followUps(due)),
                    incoming.isEmpty ? .empty : section(.incomingTransfers, tables.incomingTransfers(incoming, csrf: csrf)),
                    section(.unassignedCases, tables.cases(unassigned)),
                    section(.overdueReferrals, tables.referrals(overdue)),
                    section(.workload, workload)].joined()
        case .central:
            // Oldest first, as the core orders it.
            let queue = try await handler.core { try store.reviewQueue(session) }
            let rows = queue.map { view -> HTML in
                let r = view.referral
                let why = (view.review?.reasons ?? []).map(labels.reviewReason).joined(separator: "; ")
                let late: HTML = view.review?.afterTheFact == true ? " <strong>\(PageText.afterTheFact.text(lang))</strong>" : .empty
                return """
                    <tr><td>\(r.id)\(late)</td><td>\(r.centre)</td><td>\(r.agency)</td><td>\(labels.need(r.service))</td><td>\(labels.priority(r.priority))</td>\
                    <td>\(why)</td><td>\(view.review?.submittedBy ?? r.createdBy)</td><td>\(DisplayFormat.day(view.review?.waitingSince ?? r.createdOn))</td></tr>
                    """
            }
            let head: HTML = """
                <tr><th>\(Text.field(.referrals).text(lang))</th><th>\(Text.field(.centre).text(lang))</th><th>\(Text.field(.agency).text(lang))</th>\
                <th>\(Text.field(.service).text(lang))</th><th>\(Text.field(.priority).text(lang))</th><th>\(PageText.reviewBecause.text(lang))</th>\
                <th>\(PageText.submittedBy.text(lang))</th><th>\(PageText.waitingSince.text(lang))</th></tr>
                """
            return section(.reviewQueue, queue.isEmpty ? "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>"
                           : "<table><thead>\(head)</thead><tbody>\(rows)</tbody></table>")
        case .statistician:
            let catalogue = try await handler.core { try store.statsCatalogue(session, policy: handler.services.policy) }
            let items = catalogue.map { entry -> HTML in "<li>\(entry.name)</li>" }
            return section(.statistics, "<p>\(PageText.statisticsHint.text(lang))</p><ul>\(items)</ul>")
        case .admin:
            let (centres, users) = try await handler.core { (try store.centres(session), try store.users(session)) }
            return [section(.centres, AdminPages(labels: labels).centreTable(centres)),
                    section(.users, AdminPages(labels: labels).userTable(users, csrf: nil))].joined()
        }
    }
}
