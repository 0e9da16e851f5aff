import Cases

/// A case as lines of text for a person (the CLI's `case show`; the web page lays out the same
/// fields): every field with its label, every code as its label, days as dd/mm/yyyy. Decrypted
/// values pass through `display`, which neutralises control and direction characters.
public enum CaseText {
    public static func lines(_ view: CaseView, labels: CodeLabels) -> [String] {
        let lang = labels.lang
        var page = LabelledLines(lang: lang)
        for (field, value) in fields(view, labels: labels) {
            page.add(field, value)
            if field == .person, let notice = erasureNotice(view, lang: lang) { page.append(notice) }
        }
        func block(_ field: Text.Field, _ entries: [String]) {
            guard !entries.isEmpty else { return }
            page.append("\(Text.field(field).text(lang)):")
            page.append(contentsOf: entries.map { "  " + $0 })
        }
        block(.notes, notes(view.notes))
        block(.children, childEntries(view.children, labels: labels))
        block(.spouses, spouseEntries(view.spouses, labels: labels))
        block(.plan, planEntries(view.plan, labels: labels))
        block(.delivered, deliveredEntries(view.delivered, labels: labels))
        block(.assessments, assessmentEntries(view.assessments, labels: labels))
        block(.documents, documentEntries(view.documents, labels: labels))
        block(.attachments, attachmentEntries(view.attachments, labels: labels))
        block(.contacts, contactEntries(view.contacts, labels: labels))
        block(.followUps, followUpEntries(view.followUps, labels: labels))
        block(.consents, consentEntries(view.consents, labels: labels))
        block(.referrals, referralEntries(view.referrals, labels: labels))
        block(.history, historyEntries(view.events, labels: labels, status: labels.caseStatus))
        return page.lines
    }

    /// Every field of the case with its label, codes by their labels, in the order both faces
    /// show them; empty fields are left out.
    public static func fields(_ view: CaseView, labels: CodeLabels) -> [(field: Text.Field, value: String)] {
        let s = view.summary
        let p = view.person
        let all: [(Text.Field, String?)] = [
            (.caseID, s.id), (.person, s.person), (.centre, s.centre), (.programme, labels.programme(s.programme)),
            (.status, labels.status(s.status)), (.risk, s.risk.map(labels.risk)), (.assignedTo, s.assignedTo),
            (.name, p.name?.display), (.otherNames, p.otherNames.map(\.display).joined(separator: "; ")),
            (.dob, p.dateOfBirth.map { DisplayFormat.day($0.display) }), (.birthYear, p.birthYear.map(String.init)),
            (.phones, p.phones.map(\.display).joined(separator: "; ")), (.email, p.email?.display), (.idNumber, p.idNumber?.display),
            (.passport, p.passport?.display), (.address, p.address?.display), (.safeContact, view.safeContact?.display),
            (.origin, s.originProvince.map(labels.province)), (.destination, s.destination.map(labels.country)),
            (.migration, s.migration.map(labels.migration)), (.ageBand, s.ageBand), (.needs, s.needs.map(labels.need).joined(separator: "; ")),
            (.association, s.association), (.supportRequest, s.supportRequest.map(labels.supportRequest)),
            (.opened, DisplayFormat.day(s.openedOn)), (.closed, s.closedOn.map(DisplayFormat.day)), (.outcome, s.outcome.map(labels.outcome)),
            (.closureRequest, s.closureRequest.map(labels.outcome)),
        ]
        return all.compactMap { field, value in value.flatMap { $0.isEmpty ? nil : (field, $0) } }
    }

    /// The mark of an erased woman's case: her personal data is gone, codes remain.
    public static func erasureNotice(_ view: CaseView, lang: Language) -> String? {
        view.erasure.map { Text.subjectErasedNotice(DisplayFormat.day($0.erasedOn)).text(lang) }
    }

    /// One entry per note: day, author, text.
    public static func notes(_ notes: [NoteView]) -> [String] {
        notes.map { "[\(DisplayFormat.day($0.createdOn)) \($0.author)] \($0.text.display)" }
    }

    /// One entry per child: name, date of birth, and every code by its label; its id first,
    /// which `case child update` takes.
    public static func childEntries(_ children: [ChildView], labels: CodeLabels) -> [String] {
        let lang = labels.lang
        return children.map { c in
            let parts: [String?] = [
                c.name?.display, c.dateOfBirth.map { DisplayFormat.day($0.display) }, c.sex.map { labels.sex($0.rawValue) },
                c.birthCountry.map { "\(Text.field(.birthCountry).text(lang)): \(labels.country($0))" },
                labels.birthRegistration(c.birthRegistration), "\(Text.field(.nationality).text(lang)): \(labels.nationalityStatus(c.nationality))",
                c.livesWithHer.map { "\(Text.field(.livesWithHer).text(lang)): \(labels.yesNo($0))" },
                c.needs.isEmpty ? nil : "\(Text.field(.concerns).text(lang)): " + c.needs.map(labels.need).joined(separator: ", "),
            ]
            return "[\(c.id)] " + parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        }
    }

    /// One entry per spouse or former spouse: relation, nationality, name and contact.
    public static func spouseEntries(_ spouses: [SpouseView], labels: CodeLabels) -> [String] {
        spouses.map { s in
            let parts = [labels.relation(s.relation), s.nationality.map(labels.country), s.name?.display, s.contact?.display]
            return "[\(s.id)] " + parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        }
    }

    /// With a heading, for pages that show consents alone.
    public static func consents(_ consents: [Consent], labels: CodeLabels) -> [String] {
        let entries = consentEntries(consents, labels: labels)
        return entries.isEmpty ? [] : ["\(Text.field(.consents).text(labels.lang)):"] + entries.map { "  " + $0 }
    }

    /// One entry per consent: when, for what, to whom, which fields, and whether withdrawn.
    public static func consentEntries(_ consents: [Consent], labels: CodeLabels) -> [String] {
        let lang = labels.lang
        return consents.map { c in
            let scope = c.agencyID ?? c.agencyKind.map(labels.agencyKind)
            let fields = c.fields.map { $0.map { $0.label(lang) }.joined(separator: ", ") }
                ?? (lang == .vi ? "mọi thông tin" : "all fields")
            let withdrawn = c.withdrawnOn.map { (lang == .vi ? "đã rút " : "withdrawn ") + DisplayFormat.day($0) }
            let parts = [labels.consentPurpose(c.purpose), scope, fields, withdrawn, c.note?.display].compactMap { $0 }.filter { !$0.isEmpty }
            return "[\(DisplayFormat.day(c.givenOn)) \(c.givenBy)] " + parts.joined(separator: " · ")
        }
    }

    /// `case list`: one tab-separated row of plain data, codes by their labels.
    public static func row(_ c: CaseSummary, labels: CodeLabels) -> String {
        [c.id, labels.programme(c.programme), labels.status(c.status), c.risk.map(labels.risk) ?? "-", c.assignedTo ?? "-",
         DisplayFormat.day(c.openedOn)].joined(separator: "\t")
    }

    /// `case find`: one hit, her name made safe for a terminal (it was typed by someone else).
    public static func found(_ hit: FoundCase, labels: CodeLabels) -> String {
        [hit.id, hit.centre, labels.programme(hit.programme), labels.status(hit.status), ControlCharacters.neutralised(hit.name)]
            .joined(separator: "\t")
    }

    /// `consent list`: one tab-separated row with the consent's id, for scripts and people alike.
    public static func consentRow(_ c: Consent, labels: CodeLabels) -> String {
        let scope = c.agencyID ?? c.agencyKind.map(labels.agencyKind) ?? "-"
        let fields = c.fields.map { $0.map { $0.label(labels.lang) }.joined(separator: ", ") } ?? "*"
        return [c.id, labels.consentPurpose(c.purpose), scope, fields, DisplayFormat.day(c.givenOn), c.withdrawnOn.map(DisplayFormat.day) ?? "-",
                c.note?.display ?? ""].joined(separator: "\t")
    }

    /// One entry per referral: id, agency, service, status and when an answer is due.
    public static func referralEntries(_ referrals: [Referral], labels: CodeLabels) -> [String] {
        let due = labels.lang == .vi ? "hạn" : "due"
        return referrals.map { r in
            "\(r.id) · \(r.agency) · \(labels.need(r.service)) · \(labels.referralStatus(r.status)) · \(due) \(DisplayFormat.time(r.due))"
        }
    }

    /// A history block (cases, associations, referrals) with its heading.
    public static func history(_ events: [EventView], labels: CodeLabels, status: (String) -> String) -> [String] {
        let entries = historyEntries(events, labels: labels, status: status)
        return entries.isEmpty ? [] : ["\(Text.field(.history).text(labels.lang)):"] + entries.map { "  " + $0 }
    }

    /// One entry per step, statuses by their labels, reasons where the reader's keys open them.
    public static func historyEntries(_ events: [EventView], labels: CodeLabels, status: (String) -> String) -> [String] {
        events.map { e in
            let move = [e.from, e.to].compactMap { $0 }.map(status).joined(separator: " → ")
            // A closing step's detail is its outcome code.
            let detail = ["closed", "closure-requested", "closure-declined"].contains(e.kind) ? e.detail.map(labels.outcome) : e.detail
            let extra = [move, detail ?? "", e.reason?.display ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
            return "[\(DisplayFormat.day(e.on)) \(e.by)] \(labels.historyStep(e.kind))\(extra.isEmpty ? "" : " " + extra)"
        }
    }
}
