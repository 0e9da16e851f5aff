import GRDB

/// Where an association stands. Dissolved is final unless reopened with a recorded reason.
public enum AssociationStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case forming, active, dormant, dissolved

    /// forming → active, dormant or dissolved; active ⇄ dormant; either → dissolved; a
    /// dissolved association comes back (to forming, active or dormant) only with a reason.
    /// Nothing goes back to forming otherwise.
    public func canBecome(_ next: AssociationStatus, withReason: Bool) -> Bool {
        switch (self, next) {
        case (.dissolved, .dissolved): false
        case (.dissolved, _): withReason
        case (_, .forming): false
        case (let from, let to): from != to
        }
    }
}

/// The sealed part of an association: its contact person and the free-text note.
public struct AssociationContact: Sendable {
    public var name: PersonalText?
    public var phone: PersonalText?
    public var email: PersonalText?
    public var note: PersonalText?

    public init() {}

    /// The sealed columns, by name (part of each value's associated data).
    static let columns = ["contact_name", "contact_phone", "contact_email", "note"]

    var values: [PersonalText?] { [name, phone, email, note] }
}

/// What `association add` and `association update` were given; nil leaves a field as it is.
public struct AssociationInput: Sendable {
    public var name: String?
    public var country: String?
    public var city: String?
    /// `YYYY` or `YYYY-MM`.
    public var founded: String?
    public var status: AssociationStatus?
    public var members: Int?
    public var website: String?
    public var contact = AssociationContact()
    /// Why a dissolved association is reopened (sealed in its history).
    public var reason: PersonalText?

    public init() {}
}

/// The plain (organisational) columns of an association.
public struct AssociationSummary: Sendable, Equatable, Codable {
    public let id: String
    public let centre: String
    public let name: String
    public let country: String
    public let city: String?
    public let founded: String?
    public let status: AssociationStatus
    public let members: Int?
    public let website: String?
    public let createdOn: String
    public let updatedOn: String

    static let columns = "id, centre, name, country, city, founded, status, members, website, created_on, updated_on"

    init(row: Row) {
        id = row["id"]
        centre = row["centre"]
        name = row["name"]
        country = row["country"]
        city = row["city"]
        founded = row["founded"]
        status = row["status"]
        members = row["members"]
        website = row["website"]
        createdOn = row["created_on"]
        updatedOn = row["updated_on"]
    }

    static func fetch(_ db: Database, id: String) throws -> AssociationSummary {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM associations WHERE id = ?", arguments: [id]) else {
            throw CaunoiError.associationNotFound(id)
        }
        return AssociationSummary(row: row)
    }
}

/// One reported activity.
public struct AssociationActivity: Sendable {
    public let id: String
    public let on: String
    public let kind: String
    public let participants: Int?
    public let by: String
    /// nil for users who cannot open the association's sealed data.
    public let note: PersonalText?
}

/// A case linked to an association, as listed on its page (plain codes only).
public struct LinkedCase: Sendable, Equatable, Codable {
    public let id: String
    public let centre: String
    public let programme: Programme
    public let status: CaseStatus
    public let supportRequest: String?
}

/// An association as shown: plain data for every staff member and central officer; contact
/// and notes only to the staff of the centre that keeps it; linked cases only where the
/// reader may read them.
public struct AssociationView: Sendable {
    public let summary: AssociationSummary
    public let contact: AssociationContact?
    public let history: [EventView]
    public let activities: [AssociationActivity]
    public let cases: [LinkedCase]
}
