import GRDB

/// The three programmes (PRODUCT.md). Stored by raw value.
public enum Programme: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case marriage, returnee, association
}

/// Case workflow: open → active → closed, and closed → active again only with a reason.
public enum CaseStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case open, active, closed

    public func canBecome(_ next: CaseStatus) -> Bool {
        switch (self, next) {
        case (.open, .active), (.open, .closed), (.active, .closed), (.closed, .active): true
        default: false
        }
    }
}

public enum RiskLevel: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case low, medium, high
}

/// What a user may do; data keys follow the role (SECURITY.md, key hierarchy).
public enum Role: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case counsellor, manager, central, statistician, admin

    /// Staff of a centre: they hold its centre key and read its cases.
    public var worksCases: Bool { self == .counsellor || self == .manager }
    /// Roles that must belong to a centre.
    public var needsCentre: Bool { worksCases }
    /// Roles that hold their centre's index key (search).
    public var holdsIndexKey: Bool { worksCases }
}

public enum CentreKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case osso, marriage, central
    case associationDesk = "association-desk"
}
