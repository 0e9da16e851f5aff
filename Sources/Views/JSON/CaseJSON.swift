import Cases

/// `case show --json`: the case, decrypted fields, notes, history, consents and referrals.
public struct CaseJSON: Encodable {
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
    /// One history step (cases and associations share the shape).
    public struct Event: Encodable {
        let on: String
        let by: String
        let kind: String
        let from: String?
        let to: String?
        let detail: String?
        let reason: String?

        public init(_ e: EventView) {
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
    let consents: [ConsentJSON]
    let referrals: [ReferralJSON]
    let contacts: [ContactJSON]
    let followUps: [FollowUpJSON]
    let children: [ChildJSON]
    let spouses: [SpouseJSON]
    let documents: [DocumentJSON]
    let attachments: [AttachmentJSON]
    let plan: [GoalJSON]
    let delivered: [DeliveredJSON]
    /// The outcome a counsellor asked a manager to close the case with, while it waits.
    let closureRequest: String?
    /// Present when her personal data was erased.
    let erasure: Erasure?

    public init(_ view: CaseView) {
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
        consents = view.consents.map(ConsentJSON.init)
        referrals = view.referrals.map(ReferralJSON.init)
        erasure = view.erasure
        contacts = view.contacts.map(ContactJSON.init)
        followUps = view.followUps.map { FollowUpJSON($0.followUp, note: $0.note) }
        closureRequest = s.closureRequest
        children = view.children.map(ChildJSON.init)
        spouses = view.spouses.map(SpouseJSON.init)
        documents = view.documents.map(DocumentJSON.init)
        attachments = view.attachments.map(AttachmentJSON.init)
        plan = view.plan.map(GoalJSON.init)
        delivered = view.delivered.map(DeliveredJSON.init)
    }
}

/// `case open --json`: the new case, her person id, and cases that may be the same woman.
public struct OpenedJSON: Encodable {
    let id: String
    let person: String
    let possibleDuplicates: [[String: String]]

    public init(_ opened: OpenedCase) {
        (id, person, possibleDuplicates) = (opened.id, opened.person, opened.possibleDuplicates.map { ["id": $0] })
    }
}

/// `case find --json`: one hit, codes plain.
public struct FoundJSON: Encodable {
    let id: String
    let name: String
    let centre: String
    let programme: String
    let status: String

    public init(_ hit: FoundCase) {
        (id, name, centre, programme, status) = (hit.id, hit.name, hit.centre, hit.programme.rawValue, hit.status.rawValue)
    }
}

/// `case match --json`: a woman on file and her cases, codes plain.
public struct PossibleMatchJSON: Encodable {
    let person: String
    let cases: [CaseSummary]

    public init(_ match: PossibleMatch) { (person, cases) = (match.person, match.cases) }
}
