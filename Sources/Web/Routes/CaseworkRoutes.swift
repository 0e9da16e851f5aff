import Cases

/// The daily-work steps on a case (issue 15), each a `POST /cases/{id}/<path>` that reads its
/// form and calls the core: contacts, follow-ups, and closure requests and their decline.
struct CaseworkRoutes {
    let store: CaseStore
    let policy: Policy

    typealias Step = @Sendable (Session, FormData, String) throws -> Void

    /// Registers each step through `register(path, done, perform)` (the case routes' `step`).
    func add(_ register: (String, Done, @escaping Step) -> Void) {
        let store = store
        let policy = policy
        register("contacts", .contact) { session, form, id in
            guard let kind = form.value("kind") else { throw CaunoiError.missing(.kind) }
            guard let day = form.value("date") else { throw CaunoiError.missing(.date) }
            let minutes = try form.value("minutes").map { text -> Int in
                guard let number = Int(text) else { throw CaunoiError.invalid(.minutes) }
                return number
            }
            let contact = ContactRecord(day: day, kind: kind, time: form.value("time"), minutes: minutes, staff: form.value("staff"),
                                        summary: form.value("summary").map(PersonalText.init))
            try store.addContact(session, policy: policy, caseID: id, contact: contact)
        }
        register("followups", .followUp) { session, form, id in
            guard let due = form.value("due") else { throw CaunoiError.missing(.due) }
            guard let reason = form.value("reason") else { throw CaunoiError.missing(.reason) }
            try store.addFollowUp(session, caseID: id, due: due, assignTo: form.value("assign-to"), reason: PersonalText(reason))
        }
        register("followups/done", .followUpDone) { session, form, id in
            guard let key = form.value("task") else { throw CaunoiError.missing(.task) }
            // The key must be one of this case's: a form posted to one case never completes another's.
            guard try store.followUpCase(session, key: key) == id else { throw CaunoiError.taskNotFound(key) }
            try store.completeFollowUp(session, policy: policy, key: key)
        }
        register("close-request", .closureRequested) { session, form, id in
            guard let outcome = form.value("outcome") else { throw CaunoiError.missing(.outcome) }
            guard let reason = form.value("reason") else { throw CaunoiError.missing(.reason) }
            try store.requestClosure(session, policy: policy, caseID: id, outcome: outcome, reason: PersonalText(reason))
        }
        register("decline-closure", .closureDeclined) { session, form, id in
            guard let reason = form.value("decline-reason") else { throw CaunoiError.missing(.reason) }
            try store.declineClosure(session, caseID: id, reason: PersonalText(reason))
        }
    }
}
