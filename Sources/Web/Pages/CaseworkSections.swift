import Cases
import Views

/// The case page's daily-work sections (issue 15): contacts with their form, follow-ups with
/// their "done" buttons and form, and closing as the core's approval rule allows.
extension CasePage {
    var contactsSection: HTML {
        let entries = CaseText.contactEntries(view.contacts, labels: labels).map { entry -> HTML in "<li>\(entry)</li>" }
        let listed: HTML = entries.isEmpty ? .empty : "<ul>\(entries)</ul>"
        guard view.erasure == nil else { return entries.isEmpty ? .empty : section(.contacts, listed) }
        let staff = colleagues.isEmpty ? [signedIn.session.user] : colleagues
        let form: HTML = """
            <details\(widgets.problemIs(in: Self.contactFields) ? HTML(" open") : .empty)><summary>\(PageText.addContact.text(lang))</summary>
            <form method="post" action="\(base)/contacts" class="stack">\(widgets.csrf(signedIn.csrf))
            \(widgets.select("kind", Text.field(.kind).text(lang), options: labels.policy.contactKinds.options(lang), required: true,
                             blank: PageText.chooseOne.text(lang)))
            \(widgets.text("date", Text.field(.day).text(lang), value: today, type: "date", required: true))
            \(widgets.text("time", Text.field(.time).text(lang), type: "time"))
            \(widgets.text("minutes", Text.field(.minutes).text(lang), type: "number"))
            \(widgets.select("staff", Text.field(.staff).text(lang), options: staff.map { ($0, $0) }, selected: signedIn.session.user, required: true))
            \(widgets.textarea("summary", Text.field(.summary).text(lang)))
            <button type="submit">\(PageText.addContact.text(lang))</button></form></details>
            """
        return section(.contacts, [listed, form].joined())
    }

    static let contactFields: Set<String> = ["kind", "date", "time", "minutes", "staff", "summary"]
    static let followUpFields: Set<String> = ["due", "assign-to", "reason"]

    var followUpsSection: HTML {
        let rows = view.followUps.map { entry -> HTML in
            let f = entry.followUp
            let whose = f.assignedTo ?? CaseText.managersLabel(lang)
            let overdue = f.isOverdue(on: today) ? " · " + labels.overdue : ""
            let button: HTML = f.canBeMarkedDone && view.erasure == nil ? """
                <form method="post" action="\(base)/followups/done" class="inline">\(widgets.csrf(signedIn.csrf))\
                <input type="hidden" name="task" value="\(f.key)"><button type="submit">\(PageText.markDone.text(lang))</button></form>
                """ : .empty
            return "<li>[\(DisplayFormat.day(f.due))\(overdue) \(whose)] \(CaseText.followUpParts(f, note: entry.note, labels: labels)) \(button)</li>"
        }
        let listed: HTML = rows.isEmpty ? .empty : "<ul>\(rows)</ul>"
        guard view.erasure == nil, view.summary.status != .closed else { return rows.isEmpty ? .empty : section(.followUps, listed) }
        let staff = colleagues.isEmpty ? [signedIn.session.user] : colleagues
        let form: HTML = """
            <details\(widgets.problemIs(in: Self.followUpFields) ? HTML(" open") : .empty)><summary>\(PageText.addFollowUp.text(lang))</summary>
            <form method="post" action="\(base)/followups" class="stack">\(widgets.csrf(signedIn.csrf))
            \(widgets.text("due", Text.field(.due).text(lang), value: today, type: "date", required: true))
            \(widgets.select("assign-to", PageText.assignTo.text(lang), options: staff.map { ($0, $0) },
                             selected: view.summary.assignedTo ?? signedIn.session.user, required: true))
            \(widgets.textarea("reason", Text.field(.reason).text(lang), required: true))
            <button type="submit">\(PageText.addFollowUp.text(lang))</button></form></details>
            """
        return section(.followUps, [listed, form].joined())
    }

    /// Close directly; or, when the core says a manager must approve, ask one (counsellors)
    /// or approve and close with a reason, or decline a request waiting (managers).
    var closeSection: HTML {
        let s = view.summary
        let outcomes = closingOutcomes.map { ($0.code, $0.label(lang)) }
        let step = closure.step
        let asking = step == .requestApproval
        let title: PageText = switch step {
        case .close: .close
        case .requestApproval: .requestClosure
        case .approve: .approveAndClose
        }
        var parts: [HTML] = []
        if let requested = s.closureRequest {
            parts.append("<p class=\"notice\">\(PageText.closureWaiting(labels.outcome(requested)).text(lang))</p>")
        }
        if step != .close { parts.append("<p class=\"muted\">\(PageText.approvalHint.text(lang))</p>") }
        parts.append("""
            <form method="post" action="\(base)/\(asking ? "close-request" : "close")" class="stack">\(widgets.csrf(signedIn.csrf))
            \(widgets.select("outcome", PageText.closeWith.text(lang), options: outcomes, selected: s.closureRequest, required: true,
                             blank: PageText.chooseOne.text(lang)))
            \(widgets.textarea("reason", PageText.reasonLabel.text(lang), required: step != .close))
            <button type="submit">\(title.text(lang))</button></form>
            """)
        if closure.mayDecline {
            parts.append("""
                <form method="post" action="\(base)/decline-closure" class="stack">\(widgets.csrf(signedIn.csrf))
                \(widgets.textarea("decline-reason", PageText.reasonLabel.text(lang), required: true))
                <button type="submit">\(PageText.declineClosure.text(lang))</button></form>
                """)
        }
        return "<section><h2>\(title.text(lang))</h2>\(parts.joined())</section>"
    }

    /// A manager merges the woman of this case, recorded twice, into the record kept (issue 15).
    var mergeSection: HTML {
        guard signedIn.session.mayReach(.centreDecisions), view.erasure == nil else { return .empty }
        let w = widgets.scoped("merge")
        return """
            <section><h2>\(PageText.mergeDuplicate.text(lang))</h2>
            <details\(w.form != nil ? HTML(" open") : .empty)><summary>\(PageText.mergeDuplicate.text(lang))</summary>
            <p class="muted">\(PageText.mergeHint(view.summary.person).text(lang))</p>
            <form method="post" action="\(base)/merge" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField("merge"))
            \(w.text("into", PageText.mergeInto.text(lang), required: true))
            \(w.problemLine("confirm"))<label><input type="checkbox" name="confirm" value="1" required> \(PageText.mergeConfirm.text(lang))</label>
            <button type="submit">\(PageText.mergeDuplicate.text(lang))</button></form></details></section>
            """
    }

    /// A manager's transfer of the woman (all her cases, or this one only) to another centre.
    var transferSection: HTML {
        guard signedIn.session.mayReach(.centreDecisions), view.erasure == nil, !otherCentres.isEmpty else { return .empty }
        let w = widgets.scoped("transfer")
        return """
            <section><h2>\(PageText.transfer.text(lang))</h2>
            <details\(w.form != nil ? HTML(" open") : .empty)><summary>\(PageText.transfer.text(lang))</summary>
            <p class="muted">\(PageText.transferHint.text(lang))</p>
            <form method="post" action="\(base)/transfer" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField("transfer"))
            \(w.select("centre", Text.field(.centre).text(lang), options: otherCentres, required: true, blank: PageText.chooseOne.text(lang)))
            \(w.textarea("reason", PageText.reasonLabel.text(lang), required: true))
            <label><input type="checkbox" name="case-only" value="1"\(w.form?.value("case-only") == "1" ? HTML(" checked") : .empty)> \(PageText.transferCaseOnly(view.summary.id).text(lang))</label>
            <button type="submit">\(PageText.transfer.text(lang))</button></form></details></section>
            """
    }

    func section(_ field: Text.Field, _ body: HTML) -> HTML {
        "<section><h2>\(Text.field(field).text(lang))</h2>\(body)</section>"
    }
}
