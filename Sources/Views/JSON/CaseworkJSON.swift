import Cases

/// A contact in `case show --json`: codes and days as stored, time and summary opened.
public struct ContactJSON: Encodable {
    let id: String
    let day: String
    let time: String?
    let kind: String
    let minutes: Int?
    let staff: String
    let recordedBy: String
    let recordedOn: String
    let summary: String?

    public init(_ c: ContactView) {
        (id, day, time, kind, minutes, staff) = (c.id, c.day, c.time?.display, c.kind, c.minutes, c.staff)
        (recordedBy, recordedOn, summary) = (c.recordedBy, c.recordedOn, c.summary?.display)
    }
}

/// A follow-up in `followup list --json` and `case show --json`. `key` is what
/// `followup done` takes; `assigned_to` null means the centre's managers.
public struct FollowUpJSON: Encodable {
    let key: String
    let caseId: String
    let reason: String
    let due: String
    let assignedTo: String?
    let detail: String?
    let note: String?
    let doneBy: String?
    let doneOn: String?

    public init(_ f: FollowUp, note: PersonalText? = nil) {
        (key, caseId, reason, due, assignedTo, detail) = (f.key, f.caseID, f.reason.rawValue, f.due, f.assignedTo, f.detail)
        (self.note, doneBy, doneOn) = (note?.display, f.doneBy, f.doneOn)
    }
}

/// A child in `case show --json`: codes as stored, name and date of birth opened.
public struct ChildJSON: Encodable {
    let id: String
    let name: String?
    let dob: String?
    let sex: String?
    let birthCountry: String?
    let birthRegistration: String
    let nationality: String
    let livesWithHer: Bool?
    let needs: [String]

    public init(_ c: ChildView) {
        (id, name, dob, sex, birthCountry) = (c.id, c.name?.display, c.dateOfBirth?.display, c.sex?.rawValue, c.birthCountry)
        (birthRegistration, nationality, livesWithHer, needs) = (c.birthRegistration, c.nationality, c.livesWithHer, c.needs)
    }
}

/// Her spouse or former spouse in `case show --json`.
public struct SpouseJSON: Encodable {
    let id: String
    let relation: String
    let nationality: String?
    let name: String?
    let contact: String?

    public init(_ s: SpouseView) {
        (id, relation, nationality, name, contact) = (s.id, s.relation.rawValue, s.nationality, s.name?.display, s.contact?.display)
    }
}

/// A line of her documents checklist in `case show --json`.
public struct DocumentJSON: Encodable {
    let document: String
    let status: String
    let updatedBy: String
    let updatedOn: String

    public init(_ d: DocumentEntry) { (document, status, updatedBy, updatedOn) = (d.document, d.status.rawValue, d.updatedBy, d.updatedOn) }
}

/// An attachment in `case show --json`: what it is, not its contents.
public struct AttachmentJSON: Encodable {
    let id: String
    let document: String?
    let bytes: Int
    let title: String?
    let mediaType: String?
    let addedBy: String
    let addedOn: String

    public init(_ a: AttachmentView) {
        (id, document, bytes, title, mediaType, addedBy, addedOn) = (a.id, a.document, a.bytes, a.title?.display, a.mediaType, a.addedBy, a.addedOn)
    }
}

/// A goal of her case plan in `case show --json`, with the services planned for it.
public struct GoalJSON: Encodable {
    struct Planned: Encodable {
        let id: String
        let service: String
        let agency: String?
        let responsible: String?
        let target: String?
    }
    let id: String
    let need: String
    let status: String
    let responsible: String?
    let target: String?
    let description: String?
    let closedOn: String?
    let planned: [Planned]

    public init(_ g: GoalView) {
        (id, need, status, responsible, target, description, closedOn) = (g.id, g.need, g.status.rawValue, g.responsible, g.target,
                                                                          g.description?.display, g.closedOn)
        planned = g.planned.map { Planned(id: $0.id, service: $0.service, agency: $0.agency, responsible: $0.responsible, target: $0.target) }
    }
}

/// A service delivered in `case show --json` (`agency` null: the centre itself).
public struct DeliveredJSON: Encodable {
    let id: String
    let goal: String?
    let service: String
    let agency: String?
    let day: String
    let outcome: String
    let note: String?
    let recordedBy: String

    public init(_ d: DeliveredService) {
        (id, goal, service, agency, day, outcome, note, recordedBy) = (d.id, d.goal, d.service, d.agency, d.day, d.outcome.rawValue,
                                                                      d.note?.display, d.recordedBy)
    }
}

/// A transfer in `transfer list --json`.
public struct TransferJSON: Encodable {
    let id: String
    let person: String
    let from: String
    let to: String
    let status: String
    let requestedBy: String
    let requestedOn: String
    let decidedBy: String?
    let decidedOn: String?
    let cases: [String]

    public init(_ t: Transfer) {
        (id, person, from, to, status) = (t.id, t.person, t.from, t.to, t.status.rawValue)
        (requestedBy, requestedOn, decidedBy, decidedOn, cases) = (t.requestedBy, t.requestedOn, t.decidedBy, t.decidedOn, t.cases)
    }
}
