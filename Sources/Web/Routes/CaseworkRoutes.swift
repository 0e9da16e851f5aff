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
        register("children", .family) { session, form, id in
            try store.addChild(session, policy: policy, caseID: id, child: try Self.child(form, needs: form.values("need")))
        }
        register("children/update", .family) { session, form, id in
            guard let child = form.value("child") else { throw CaunoiError.missing(.child) }
            try store.updateChild(session, policy: policy, caseID: id, childID: child, update: try Self.child(form, needs: nil))
        }
        register("spouses", .family) { session, form, id in
            try store.addSpouse(session, policy: policy, caseID: id, spouse: try Self.spouse(form))
        }
        register("spouses/update", .family) { session, form, id in
            guard let spouse = form.value("spouse") else { throw CaunoiError.missing(.spouse) }
            try store.updateSpouse(session, policy: policy, caseID: id, spouseID: spouse, update: try Self.spouse(form))
        }
        register("documents", .documents) { session, form, id in
            guard let document = form.value("document") else { throw CaunoiError.missing(.document) }
            let status = try form.value("status").map { text -> DocumentStatus? in
                if text == "none" { return nil }
                return try Self.code(DocumentStatus(rawValue: text), .status)
            } ?? nil
            try store.setDocument(session, policy: policy, caseID: id, document: document, status: status)
        }
        register("plan/goals", .plan) { session, form, id in
            guard let need = form.value("need") else { throw CaunoiError.missing(.need) }
            try store.addGoal(session, policy: policy, caseID: id, need: need, description: form.value("description").map(PersonalText.init),
                              responsible: form.value("responsible"), target: form.value("target"))
        }
        register("plan/status", .plan) { session, form, id in
            guard let goal = form.value("goal") else { throw CaunoiError.missing(.goal) }
            let status = try Self.code(form.value("status").flatMap(GoalStatus.init(rawValue:)), .status)
            try store.setGoalStatus(session, caseID: id, goalID: goal, status: status)
        }
        register("plan/services", .plan) { session, form, id in
            guard let goal = form.value("goal") else { throw CaunoiError.missing(.goal) }
            guard let service = form.value("service") else { throw CaunoiError.missing(.service) }
            try store.planService(session, policy: policy, caseID: id, goalID: goal, service: service, agency: form.value("agency"),
                                  responsible: form.value("responsible"), target: form.value("target"))
        }
        register("services", .service) { session, form, id in
            guard let service = form.value("service") else { throw CaunoiError.missing(.service) }
            guard let day = form.value("date") else { throw CaunoiError.missing(.date) }
            let outcome = try Self.code(form.value("outcome").flatMap(ServiceOutcome.init(rawValue:)), .outcome)
            try store.recordService(session, policy: policy, caseID: id, service: ServiceRecord(
                service: service, day: day, outcome: outcome, agency: form.value("agency"), goal: form.value("goal"),
                note: form.value("note").map(PersonalText.init)))
        }
        register("assessments", .assessed) { session, form, id in
            guard let code = form.value("assessment") else { throw CaunoiError.missing(.form) }
            let assessment = try policy.assessmentForm(code)
            var answers: [String: String] = [:]
            for question in assessment.questions {
                if let answer = form.value(CasePage.field(question.entry.code)) { answers[question.entry.code] = answer }
            }
            try store.assess(session, policy: policy, caseID: id, AssessmentRecord(
                form: code, answers: answers, level: form.value("level"), note: form.value("note").map(PersonalText.init)))
        }
        register("merge", .merged) { session, form, id in
            guard let into = form.value("into") else { throw CaunoiError.missing(.into) }
            guard form.value("confirm") == "1" else { throw CaunoiError.missing(.confirm) }
            do {
                try store.mergePerson(session, policy: policy, id: id, into: into)
            } catch let error as CaunoiError where error == .caseNotFound(into) || error == .personNotFound(into) {
                // An id mistyped in the form is shown beside it, not as a missing page.
                throw CaunoiError.invalid(.into)
            }
        }
        register("transfer", .transfer) { session, form, id in
            guard let centre = form.value("centre") else { throw CaunoiError.missing(.centre) }
            guard let reason = form.value("reason") else { throw CaunoiError.missing(.reason) }
            if form.value("case-only") == "1" {
                try store.requestCaseTransfer(session, policy: policy, caseID: id, to: centre, reason: PersonalText(reason))
            } else {
                try store.requestTransfer(session, id: id, to: centre, reason: PersonalText(reason))
            }
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

    /// A child as the family forms describe it; `needs` nil leaves the links as they are.
    static func child(_ form: FormData, needs: [String]?) throws -> ChildRecord {
        var child = ChildRecord()
        child.name = form.value("name").map(PersonalText.init)
        child.dateOfBirth = form.value("dob").map(PersonalText.init)
        child.sex = try form.value("sex").map { try code(ChildSex(rawValue: $0), .sex) }
        (child.birthCountry, child.birthRegistration, child.nationality) = (form.value("birth-country"), form.value("registration"), form.value("nationality"))
        child.livesWithHer = try form.value("lives-with-her").map { try code(["yes": true, "no": false][$0], .livesWithHer) }
        child.needs = needs
        return child
    }

    static func spouse(_ form: FormData) throws -> SpouseRecord {
        var spouse = SpouseRecord(relation: try form.value("relation").map { try code(SpouseRelation(rawValue: $0), .relation) })
        spouse.nationality = form.value("nationality")
        spouse.name = form.value("name").map(PersonalText.init)
        spouse.contact = form.value("contact").map(PersonalText.init)
        return spouse
    }

    /// A choice the form offers, or a refusal naming the field (a forged value).
    static func code<T>(_ value: T?, _ field: InputField) throws -> T {
        guard let value else { throw CaunoiError.invalid(field) }
        return value
    }
}
