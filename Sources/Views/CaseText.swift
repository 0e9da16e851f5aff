import Cases

/// A case as lines of text for a person (the CLI's `case show`; the web page lays out the same
/// fields): every field with its label, every code as its label, days as dd/mm/yyyy. Decrypted
/// values pass through `display`, which neutralises control and direction characters.
public enum CaseText {
    public static func lines(_ view: CaseView, labels: CodeLabels) -> [String] {
        let lang = labels.lang
        let s = view.summary
        let p = view.person
        var page = LabelledLines(lang: lang)
        func add(_ field: Text.Field, _ value: String?) { page.add(field, value) }
        add(.caseID, s.id)
        add(.person, s.person)
        if let erasure = view.erasure { page.append(Text.subjectErasedNotice(DisplayFormat.day(erasure.erasedOn)).text(lang)) }
        add(.centre, s.centre)
        add(.programme, labels.programme(s.programme))
        add(.status, labels.status(s.status))
        add(.risk, s.risk.map(labels.risk))
        add(.assignedTo, s.assignedTo)
        add(.name, p.name?.display)
        add(.otherNames, p.otherNames.map(\.display).joined(separator: "; "))
        add(.dob, p.dateOfBirth.map { DisplayFormat.day($0.display) })
        add(.birthYear, p.birthYear.map(String.init))
        add(.phones, p.phones.map(\.display).joined(separator: "; "))
        add(.email, p.email?.display)
        add(.idNumber, p.idNumber?.display)
        add(.passport, p.passport?.display)
        add(.address, p.address?.display)
        add(.safeContact, view.safeContact?.display)
        add(.origin, s.originProvince.map(labels.province))
        add(.destination, s.destination.map(labels.country))
        add(.migration, s.migration.map(labels.migration))
        add(.ageBand, s.ageBand)
        add(.needs, s.needs.map(labels.need).joined(separator: "; "))
        add(.association, s.association)
        add(.supportRequest, s.supportRequest.map(labels.supportRequest))
        add(.opened, DisplayFormat.day(s.openedOn))
        add(.closed, s.closedOn.map(DisplayFormat.day))
        add(.outcome, s.outcome.map(labels.outcome))
        if !view.notes.isEmpty {
            page.append("\(Text.field(.notes).text(lang)):")
            for note in view.notes { page.append("  [\(DisplayFormat.day(note.createdOn)) \(note.author)] \(note.text.display)") }
        }
        page.append(contentsOf: consents(view.consents, labels: labels))
        page.append(contentsOf: referrals(view.referrals, labels: labels))
        page.append(contentsOf: history(view.events, labels: labels, status: labels.caseStatus))
        return page.lines
    }

    /// One line per consent: when, for what, to whom, which fields, and whether withdrawn.
    public static func consents(_ consents: [Consent], labels: CodeLabels) -> [String] {
        guard !consents.isEmpty else { return [] }
        let lang = labels.lang
        return ["\(Text.field(.consents).text(lang)):"] + consents.map { c in
            let scope = c.agencyID ?? c.agencyKind?.rawValue
            let fields = c.fields.map { $0.map { $0.label(lang) }.joined(separator: ", ") }
                ?? (lang == .vi ? "mọi thông tin" : "all fields")
            let withdrawn = c.withdrawnOn.map { (lang == .vi ? "đã rút " : "withdrawn ") + DisplayFormat.day($0) }
            let parts = [labels.consentPurpose(c.purpose), scope, fields, withdrawn, c.note?.display].compactMap { $0 }.filter { !$0.isEmpty }
            return "  [\(DisplayFormat.day(c.givenOn)) \(c.givenBy)] " + parts.joined(separator: " · ")
        }
    }

    /// One line per referral: id, agency, service, status and when an answer is due.
    public static func referrals(_ referrals: [Referral], labels: CodeLabels) -> [String] {
        guard !referrals.isEmpty else { return [] }
        let due = labels.lang == .vi ? "hạn" : "due"
        return ["\(Text.field(.referrals).text(labels.lang)):"] + referrals.map { r in
            "  \(r.id) · \(r.agency) · \(labels.need(r.service)) · \(labels.referralStatus(r.status)) · \(due) \(DisplayFormat.time(r.due))"
        }
    }

    /// A history block (cases, associations): one line per step, statuses by their labels,
    /// reasons where the reader's keys open them.
    public static func history(_ events: [EventView], labels: CodeLabels, status: (String) -> String) -> [String] {
        guard !events.isEmpty else { return [] }
        return ["\(Text.field(.history).text(labels.lang)):"] + events.map { e in
            let move = [e.from, e.to].compactMap { $0 }.map(status).joined(separator: " → ")
            // A closing step's detail is its outcome code.
            let detail = e.kind == "closed" ? e.detail.map(labels.outcome) : e.detail
            let extra = [move, detail ?? "", e.reason?.display ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
            return "  [\(DisplayFormat.day(e.on)) \(e.by)] \(labels.historyStep(e.kind))\(extra.isEmpty ? "" : " " + extra)"
        }
    }
}
