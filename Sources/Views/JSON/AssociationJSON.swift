import Cases

/// `association show --json`: plain data, and the sealed part only when it was opened.
public struct AssociationJSON: Encodable {
    struct Contact: Encodable {
        let name: String?
        let phone: String?
        let email: String?
        let note: String?
    }
    struct Activity: Encodable {
        let id: String
        let on: String
        let kind: String
        let participants: Int?
        let by: String
        let note: String?
    }
    let association: AssociationSummary
    let contact: Contact?
    let cases: [LinkedCase]
    let activities: [Activity]
    let history: [CaseJSON.Event]

    public init(_ view: AssociationView) {
        association = view.summary
        contact = view.contact.map { Contact(name: $0.name?.display, phone: $0.phone?.display, email: $0.email?.display, note: $0.note?.display) }
        cases = view.cases
        activities = view.activities.map { Activity(id: $0.id, on: $0.on, kind: $0.kind, participants: $0.participants, by: $0.by, note: $0.note?.display) }
        history = view.history.map(CaseJSON.Event.init)
    }
}

/// `association report --json`: counts by code.
public struct AssociationReportJSON: Encodable {
    let year: Int?
    let associations: Int
    let byCountry: [ReportCount]
    let byStatus: [ReportCount]
    let activitiesByKind: [ReportCount]

    public init(_ report: AssociationReport) {
        (year, associations, byCountry) = (report.year, report.associations, report.byCountry)
        (byStatus, activitiesByKind) = (report.byStatus, report.activitiesByKind)
    }
}
