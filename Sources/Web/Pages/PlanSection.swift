import Cases
import Views

/// The case page's plan section (issue 15): goals for her needs with the services planned for
/// each, and what was delivered against them; the forms to add a goal, mark it, plan a
/// service and record one delivered.
extension CasePage {
    var planSection: HTML {
        let goals = CaseText.planEntries(view.plan, labels: labels).map { entry -> HTML in "<li>\(entry)</li>" }
        let delivered = CaseText.deliveredEntries(view.delivered, labels: labels).map { entry -> HTML in "<li>\(entry)</li>" }
        var parts: [HTML] = []
        if !goals.isEmpty { parts.append("<ul>\(goals)</ul>") }
        if !delivered.isEmpty { parts.append("<h3>\(Text.field(.delivered).text(lang))</h3><ul>\(delivered)</ul>") }
        guard view.erasure == nil, view.summary.status != .closed else { return parts.isEmpty ? .empty : section(.plan, parts.joined()) }
        parts.append(goalForm)
        if !view.plan.isEmpty { parts += [goalStatusForm, plannedServiceForm] }
        parts.append(deliveredForm)
        return section(.plan, parts.joined())
    }

    private var staffOptions: [(code: String, label: String)] { (colleagues.isEmpty ? [signedIn.session.user] : colleagues).map { ($0, $0) } }
    private var serviceOptions: [(code: String, label: String)] { labels.policy.services.options(lang) }
    private var goalOptions: [(code: String, label: String)] { view.plan.map { ($0.id, "\($0.id) · \(labels.need($0.need))") } }
    private var providerOptions: [(code: String, label: String)] { agencies.map { ($0.id, $0.name) } }

    private func details(_ title: PageText, _ w: Widgets, _ body: HTML) -> HTML {
        "<details\(w.form != nil ? HTML(" open") : .empty)><summary>\(title.text(lang))</summary>\(body)</details>"
    }

    private var goalForm: HTML {
        let w = widgets.scoped("goal")
        return details(.addGoal, w, """
            <form method="post" action="\(base)/plan/goals" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField("goal"))
            \(w.select("need", Text.field(.needs).text(lang), options: view.summary.needs.map { ($0, labels.need($0)) }, required: true,
                       blank: PageText.chooseOne.text(lang)))
            \(w.textarea("description", Text.field(.goal).text(lang)))
            \(w.select("responsible", Text.field(.responsible).text(lang), options: staffOptions, selected: view.summary.assignedTo))
            \(w.text("target", Text.field(.target).text(lang), type: "date"))
            <button type="submit">\(PageText.addGoal.text(lang))</button></form>
            """)
    }

    private var goalStatusForm: HTML {
        let w = widgets.scoped("goal-status")
        return details(.markGoal, w, """
            <form method="post" action="\(base)/plan/status" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField("goal-status"))
            \(w.select("goal", Text.field(.goal).text(lang), options: goalOptions, required: true))
            \(w.select("status", Text.field(.status).text(lang), options: GoalStatus.allCases.map { ($0.rawValue, labels.goalStatus($0)) }, required: true))
            <button type="submit">\(PageText.save.text(lang))</button></form>
            """)
    }

    private var plannedServiceForm: HTML {
        let w = widgets.scoped("plan-service")
        return details(.planService, w, """
            <form method="post" action="\(base)/plan/services" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField("plan-service"))
            \(w.select("goal", Text.field(.goal).text(lang), options: goalOptions, required: true))
            \(w.select("service", Text.field(.service).text(lang), options: serviceOptions, required: true, blank: PageText.chooseOne.text(lang)))
            \(w.select("agency", Text.field(.provider).text(lang), options: providerOptions, blank: labels.provider(nil)))
            \(w.select("responsible", Text.field(.responsible).text(lang), options: staffOptions, selected: view.summary.assignedTo))
            \(w.text("target", Text.field(.target).text(lang), type: "date"))
            <button type="submit">\(PageText.planService.text(lang))</button></form>
            """)
    }

    private var deliveredForm: HTML {
        let w = widgets.scoped("delivered")
        return details(.recordService, w, """
            <form method="post" action="\(base)/services" class="stack">\(w.csrf(signedIn.csrf))\(Widgets.scopeField("delivered"))
            \(w.select("service", Text.field(.service).text(lang), options: serviceOptions, required: true, blank: PageText.chooseOne.text(lang)))
            \(w.text("date", Text.field(.day).text(lang), value: today, type: "date", required: true))
            \(w.select("outcome", Text.field(.serviceOutcome).text(lang), options: ServiceOutcome.allCases.map { ($0.rawValue, labels.serviceOutcome($0)) },
                       required: true))
            \(w.select("agency", Text.field(.provider).text(lang), options: providerOptions, blank: labels.provider(nil)))
            \(view.plan.isEmpty ? .empty : w.select("goal", Text.field(.goal).text(lang), options: goalOptions))
            \(w.textarea("note", Text.field(.notes).text(lang)))
            <button type="submit">\(PageText.recordService.text(lang))</button></form>
            """)
    }
}
