import Cases
import Hummingbird
import Views

/// The case list, the open-case form, the case page and the day's work on a case. Every rule
/// (who may read, assign, close) is the core's; a refused form comes back with what was typed
/// and the problem beside its field (422), and nothing is written.
struct CaseRoutes {
    let handler: Handler
    var services: WebServices { handler.services }
    var store: CaseStore { services.store }

    func add(to router: Router<WebContext>) {
        router.get("cases") { request, context in
            await handler.page(request, context) { signedIn in try await list(request, context, signedIn) }
        }
        router.get("cases/new") { request, context in
            await handler.page(request, context) { signedIn in
                try requireStaff(signedIn)
                return PageResponse.html(formPage(context, signedIn).open())
            }
        }
        router.post("cases") { request, context in
            await handler.post(request, context) { signedIn, form in try await open(context, signedIn, form) }
        }
        router.get("cases/{id}") { request, context in
            await handler.page(request, context) { signedIn in
                let done = request.uri.queryParameters.get("done").flatMap { Done(rawValue: String($0)) }
                let id = try caseID(context)
                let same = done == .opened ? await services.notices.takeDuplicates(session: signedIn.id, caseID: id) : []
                return try await casePage(context, signedIn, id: id, notice: done?.text(id).text(context.lang), duplicates: same)
            }
        }
        router.get("cases/{id}/edit") { request, context in
            await handler.page(request, context) { signedIn in
                let id = try caseID(context)
                let view = try await handler.core { try store.showCase(signedIn.session, id: id) }
                return PageResponse.html(formPage(context, signedIn).edit(view))
            }
        }
        router.post("cases/{id}/edit") { request, context in
            await handler.post(request, context) { signedIn, form in
                let id = try caseID(context)
                return try await work(context, signedIn, form, id: id, done: .saved, onError: { problem in
                    let view = try await handler.core { try store.showCase(signedIn.session, id: id) }
                    var page = formPage(context, signedIn, form: form, problem: problem)
                    page.widgets.form = form
                    return PageResponse.html(page.edit(view), status: .unprocessableContent)
                }) {
                    let update = try CaseForms.update(form)
                    let policy = services.policy
                    try await handler.core { try store.updateCase(signedIn.session, policy: policy, caseID: id, update: update) }
                }
            }
        }
        let policy = services.policy
        step(router, "notes", done: .note) { session, form, id in
            guard let text = form.value("text") else { throw CaunoiError.missing(.text) }
            try store.addNote(session, caseID: id, text: PersonalText(text))
        }
        step(router, "assign", done: .saved) { session, form, id in
            guard let user = form.value("to") else { throw CaunoiError.missing(.user) }
            try store.assign(session, caseID: id, to: user)
        }
        step(router, "close", done: .saved) { session, form, id in
            guard let outcome = form.value("outcome") else { throw CaunoiError.missing(.outcome) }
            try store.close(session, policy: policy, caseID: id, outcome: outcome, reason: form.value("reason").map(PersonalText.init))
        }
        CaseworkRoutes(store: store, policy: policy).add { path, done, perform in step(router, path, done: done, perform) }
        router.post("cases/{id}/attachments") { request, context in
            await handler.upload(request, context, maximumFileBytes: policy.casework.attachmentMaxBytes) { signedIn, upload in
                let id = try caseID(context)
                return try await work(context, signedIn, upload.fields, id: id, done: .attached) {
                    guard let file = upload.file, file.contents.count > 0 else { throw CaunoiError.missing(.file) }
                    let title = (upload.fields.value("title") ?? file.filename).map(PersonalText.init)
                    _ = try await handler.core {
                        try store.addAttachment(signedIn.session, policy: policy, caseID: id, contents: file.contents, title: title,
                                                mediaType: file.mediaType, document: upload.fields.value("document"))
                    }
                }
            }
        }
        router.get("cases/{id}/attachments/{attachment}") { request, context in
            await handler.page(request, context) { signedIn in
                let id = try caseID(context)
                guard let attachment = context.parameters.get("attachment"), Self.isCaseID(attachment) else {
                    throw CaunoiError.attachmentNotFound("-")
                }
                let file = try await handler.core { try store.attachment(signedIn.session, caseID: id, id: attachment) }
                return PageResponse.download(file.contents.bytes, name: "\(id)-\(attachment).\(Self.fileExtension(file.view.mediaType))")
            }
        }
        step(router, "reopen", done: .saved) { session, form, id in
            guard let reason = form.value("reason") else { throw CaunoiError.missing(.reason) }
            try store.reopen(session, caseID: id, reason: PersonalText(reason))
        }
    }

    /// `POST /cases/{id}/<path>`: one step of case work, its fields read and the core called
    /// off the event loop, then back to the case page.
    private func step(_ router: Router<WebContext>, _ path: String, done: Done,
                      _ perform: @escaping @Sendable (Session, FormData, String) throws -> Void) {
        router.post("cases/{id}/\(path)") { request, context in
            await handler.post(request, context) { signedIn, form in
                let id = try caseID(context)
                return try await work(context, signedIn, form, id: id, done: done) {
                    try await handler.core { try perform(signedIn.session, form, id) }
                }
            }
        }
    }

    /// Case ids are plain codes; anything else is simply not a case.
    private func caseID(_ context: WebContext) throws -> String {
        guard let id = context.parameters.get("id"), Self.isCaseID(id) else { throw CaunoiError.caseNotFound("-") }
        return id
    }

    /// A saved file's extension from its media type: the common kinds of scan and document,
    /// `bin` for anything else.
    static func fileExtension(_ mediaType: String?) -> String {
        ["application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/heic": "heic", "text/plain": "txt",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx", "application/msword": "doc"][mediaType ?? ""] ?? "bin"
    }

    static func isCaseID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    private func requireStaff(_ signedIn: SignedIn) throws {
        try signedIn.session.require(.cases)
    }

    private func formPage(_ context: WebContext, _ signedIn: SignedIn, form: FormData? = nil,
                          problem: (field: String, message: String)? = nil) -> CaseFormPage {
        CaseFormPage(labels: CodeLabels(policy: services.policy, lang: context.lang), signedIn: signedIn,
                     widgets: Widgets(lang: context.lang, form: form, problem: problem))
    }

    private func list(_ request: Request, _ context: WebContext, _ signedIn: SignedIn) async throws -> Response {
        let query = request.uri.queryParameters
        var filter = CaseFilter()
        filter.status = query.get("status").flatMap { CaseStatus(rawValue: String($0)) }
        filter.programme = query.get("programme").flatMap { Programme(rawValue: String($0)) }
        if let assigned = query.get("assigned"), !assigned.isEmpty { filter.assignedTo = assigned == "-" ? "" : String(assigned) }
        let number = query.get("page").flatMap { Int(String($0)) }.map { max(1, min($0, 100_000)) } ?? 1
        let session = signedIn.session
        let chosen = filter
        let (page, staff) = try await handler.core {
            (try store.listCases(session, chosen, page: CasePageRequest(number: number, size: ListPages.pageSize)), try store.colleagues(session))
        }
        let labels = CodeLabels(policy: services.policy, lang: context.lang)
        return PageResponse.html(ListPages(labels: labels, signedIn: signedIn).caseList(page, filter: filter, number: number, staff: staff))
    }

    private func open(_ context: WebContext, _ signedIn: SignedIn, _ form: FormData) async throws -> Response {
        try requireStaff(signedIn)
        let policy = services.policy
        do {
            let intake = try CaseForms.intake(form).validated(policy)
            // Before a second record of the same woman is made: is she on file already?
            if intake.existingPersonID == nil, form.value("new-person") == nil {
                let person = intake.person
                let matches = try await handler.core { try store.possibleMatches(signedIn.session, policy: policy, person: person) }
                if !matches.isEmpty {
                    let labels = CodeLabels(policy: policy, lang: context.lang)
                    return PageResponse.html(MatchPage(labels: labels, signedIn: signedIn, form: form, matches: matches).render())
                }
            }
            let opened = try await handler.core { try store.openCase(signedIn.session, policy: policy, intake: intake) }
            // Possible duplicates link two women's records: said once on the next page, never in an address.
            await services.notices.putDuplicates(session: signedIn.id, caseID: opened.id, ids: opened.possibleDuplicates)
            return PageResponse.redirect("/cases/\(opened.id)?done=opened")
        } catch let error as CaunoiError where FormProblem.belongsToForm(error) {
            let page = formPage(context, signedIn, form: form, problem: FormProblem.of(error, context.lang, default: "name"))
            return PageResponse.html(page.open(), status: .unprocessableContent)
        }
    }

    private func casePage(_ context: WebContext, _ signedIn: SignedIn, id: String, notice: String? = nil, form: FormData? = nil,
                          problem: (field: String, message: String)? = nil, status: HTTPResponse.Status = .ok,
                          duplicates: [String] = []) async throws -> Response {
        let session = signedIn.session
        let policy = services.policy
        let (view, colleagues, closure, agencies, centres) = try await handler.core {
            let view = try store.showCase(session, id: id, policy: policy)
            let agencies = try store.agencyNames(session)
            let centres = session.mayReach(.centreDecisions) ? try store.centres(session).filter { $0.code != view.summary.centre } : []
            return (view, try store.colleagues(session), try store.closureOptions(session, caseID: id), agencies, centres)
        }
        let labels = CodeLabels(policy: policy, lang: context.lang)
        var page = CasePage(view: view, labels: labels, signedIn: signedIn, colleagues: colleagues,
                            widgets: Widgets(lang: context.lang, form: form, problem: problem))
        page.closure = closure
        page.closingOutcomes = store.closingOutcomes(policy)
        page.agencies = agencies
        page.otherCentres = centres.map { ($0.code, "\($0.code) · \($0.name)") }
        let warning = problem.map { _ in PageText.badFormTitle.text(context.lang) }
            ?? (duplicates.isEmpty ? nil : PageText.duplicateWarning(duplicates).text(context.lang))
        return PageResponse.html(page.render(notice: notice, warning: warning), status: status)
    }

    /// One step of case work: done, then 303 back to the case page with a notice; refused for
    /// a reason in the form, the case page (or `onError`'s page) again with the problem beside
    /// its field.
    private func work(_ context: WebContext, _ signedIn: SignedIn, _ form: FormData, id: String, done: Done,
                      onError: (((field: String, message: String)) async throws -> Response)? = nil,
                      _ step: () async throws -> Void) async throws -> Response {
        do {
            try await step()
            return PageResponse.redirect("/cases/\(id)?done=\(done.rawValue)")
        } catch let error as CaunoiError where FormProblem.belongsToForm(error) {
            let problem = FormProblem.of(error, context.lang, default: "text")
            if let onError { return try await onError(problem) }
            return try await casePage(context, signedIn, id: id, form: form, problem: problem, status: .unprocessableContent)
        }
    }
}

/// What the case page says after a step redirected to it (`?done=`): a fixed word, never
/// anything typed.
enum Done: String {
    case opened, note, saved, contact, followUp = "followup", followUpDone = "followup-done", closureRequested = "closure-requested"
    case closureDeclined = "closure-declined", family, attached, documents, plan, service, transfer, assessed, merged

    func text(_ id: String) -> PageText {
        switch self {
        case .opened: .caseOpenedNotice(id)
        case .note: .noteAdded
        case .saved: .changesSaved
        case .contact: .contactAdded
        case .followUp: .followUpAdded
        case .followUpDone: .followUpDone
        case .closureRequested: .closureRequested
        case .closureDeclined: .closureDeclined
        case .family: .familySaved
        case .attached: .attachedNotice
        case .documents: .documentsSaved
        case .plan: .planSaved
        case .service: .serviceSaved
        case .transfer: .transferRequestedNotice
        case .assessed: .assessedNotice
        case .merged: .mergedNotice
        }
    }
}
