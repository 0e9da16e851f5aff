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
            let scope = c.agencyID ?? c.agencyKind.map(labels.agencyKind)
            let fields = c.fields.map { $0.map { $0.label(lang) }.joined(separator: ", ") }
                ?? (lang == .vi ? "mọi thông tin" : "all fields")
            let withdrawn = c.withdrawnOn.map { (lang == .vi ? "đã rút " : "withdrawn ") + DisplayFormat.day($0) }
            let parts = [labels.consentPurpose(c.purpose), scope, fields, withdrawn, c.note?.display].compactMap { $0 }.filter { !$0.isEmpty }
            return "  [\(DisplayFormat.day(c.givenOn)) \(c.givenBy)] " + parts.joined(separator: " · ")
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
