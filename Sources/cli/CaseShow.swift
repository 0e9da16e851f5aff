import ArgumentParser
import Cases
import Views

struct CaseShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case with its decrypted fields (own centre only).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run() throws {
        let context = Context(global)
        try context.run {
            let (store, session) = try context.unlock()
            let view = try store.showCase(session, id: id)
            if global.json { try context.emit(CaseJSON(view)) } else { print(CaseShow.render(view, lang: context.lang)) }
        }
    }

    static func render(_ view: CaseView, lang: Language) -> String {
        let s = view.summary
        let p = view.person
        var lines: [String] = []
        func add(_ field: Text.Field, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("\(Text.field(field).text(lang)): \(value)")
        }
        add(.caseID, s.id)
        add(.person, s.person)
        if let erasure = view.erasure { lines.append(Text.subjectErasedNotice(erasure.erasedOn).text(lang)) }
        add(.centre, s.centre)
        add(.programme, s.programme.rawValue)
        add(.status, s.status.rawValue)
        add(.risk, s.risk?.rawValue)
        add(.assignedTo, s.assignedTo)
        add(.name, p.name?.display)
        add(.otherNames, p.otherNames.map(\.display).joined(separator: "; "))
        add(.dob, p.dateOfBirth?.display)
        add(.birthYear, p.birthYear.map(String.init))
        add(.phones, p.phones.map(\.display).joined(separator: "; "))
        add(.email, p.email?.display)
        add(.idNumber, p.idNumber?.display)
        add(.passport, p.passport?.display)
        add(.address, p.address?.display)
        add(.safeContact, view.safeContact?.display)
        add(.origin, s.originProvince)
        add(.destination, s.destination)
        add(.migration, s.migration)
        add(.ageBand, s.ageBand)
        add(.needs, s.needs.joined(separator: ", "))
        add(.association, s.association)
        add(.supportRequest, s.supportRequest)
        add(.opened, s.openedOn)
        add(.closed, s.closedOn)
        add(.outcome, s.outcome)
        if !view.notes.isEmpty {
            lines.append("\(Text.field(.notes).text(lang)):")
            for note in view.notes { lines.append("  [\(note.createdOn) \(note.author)] \(note.text.display)") }
        }
        lines += historyLines(view.events, lang: lang)
        return lines.joined(separator: "\n")
    }

    /// A history block (cases, associations): one line per step, reasons where readable.
    static func historyLines(_ events: [EventView], lang: Language) -> [String] {
        guard !events.isEmpty else { return [] }
        return ["\(Text.field(.history).text(lang)):"] + events.map { e in
            let move = [e.from, e.to].compactMap { $0 }.joined(separator: " → ")
            let extra = [move, e.detail ?? "", e.reason?.display ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
            return "  [\(e.on) \(e.by)] \(e.kind)\(extra.isEmpty ? "" : " " + extra)"
        }
    }
}

/// `case show --json`: the case, decrypted fields, notes, history and (later) referrals.
struct CaseJSON: Encodable {
    struct Person: Encodable {
        let id: String
        let name: String?
        let otherNames: [String]
        let dob: String?
        let birthYear: Int?
        let phones: [String]
        let email: String?
        let idNumber: String?
        let passport: String?
        let address: String?
    }
    struct Note: Encodable {
        let id: String
        let author: String
        let createdOn: String
        let text: String
    }
    struct Event: Encodable {
        let on: String
        let by: String
        let kind: String
        let from: String?
        let to: String?
        let detail: String?
        let reason: String?

        init(_ e: EventView) {
            (on, by, kind, from, to, detail, reason) = (e.on, e.by, e.kind, e.from, e.to, e.detail, e.reason?.display)
        }
    }
    let id: String
    let centre: String
    let programme: String
    let status: String
    let risk: String?
    let assignedTo: String?
    let originProvince: String?
    let destination: String?
    let migration: String?
    let ageBand: String?
    let needs: [String]
    let association: String?
    let supportRequest: String?
    let openedOn: String
    let closedOn: String?
    let outcome: String?
    let person: Person
    let safeContact: String?
    let notes: [Note]
    let events: [Event]
    let referrals: [String]
    /// Present when her personal data was erased.
    let erasure: Erasure?

    init(_ view: CaseView) {
        let s = view.summary
        let p = view.person
        id = s.id; centre = s.centre; programme = s.programme.rawValue; status = s.status.rawValue
        risk = s.risk?.rawValue; assignedTo = s.assignedTo; originProvince = s.originProvince
        destination = s.destination; migration = s.migration; ageBand = s.ageBand; needs = s.needs
        association = s.association; supportRequest = s.supportRequest; openedOn = s.openedOn; closedOn = s.closedOn; outcome = s.outcome
        person = Person(id: s.person, name: p.name?.display, otherNames: p.otherNames.map(\.display),
                        dob: p.dateOfBirth?.display, birthYear: p.birthYear, phones: p.phones.map(\.display),
                        email: p.email?.display, idNumber: p.idNumber?.display, passport: p.passport?.display,
                        address: p.address?.display)
        safeContact = view.safeContact?.display
        notes = view.notes.map { Note(id: $0.id, author: $0.author, createdOn: $0.createdOn, text: $0.text.display) }
        events = view.events.map(Event.init)
        referrals = []
        erasure = view.erasure
    }
}
