/// The parts of the work each role reaches. A face asks before it offers a page or a link; the
/// use cases behind it refuse on their own anyway, so this is the one place the faces read
/// roles from, never a rule of their own.
public enum WorkArea: Sendable, CaseIterable {
    /// Cases of her own centre: open, read, find, work.
    case cases
    /// Staff accounts: an admin for everyone, a manager for her centre's staff.
    case staff
    /// Centres.
    case centres
    /// Central review of sensitive referrals.
    case review
    /// Aggregate statistics, never a person.
    case statistics
    /// A centre's decisions on its cases: transfers between centres, closures needing approval.
    case centreDecisions
}

extension Role {
    public func reaches(_ area: WorkArea) -> Bool {
        switch area {
        case .cases: worksCases
        case .staff: self == .admin || self == .manager
        case .centres: self == .admin
        case .review: self == .central
        case .statistics: self == .statistician
        case .centreDecisions: self == .manager
        }
    }

    /// The roles she may give a new account: an admin any, a manager her centre's staff roles.
    public var rolesItMayAdd: [Role] {
        switch self {
        case .admin: Role.allCases
        case .manager: Role.allCases.filter(\.worksCases)
        default: []
        }
    }
}

extension Session {
    public func mayReach(_ area: WorkArea) -> Bool { role.reaches(area) }

    /// Refuses (`roleNotAllowed`) unless her role reaches `area`.
    public func require(_ area: WorkArea) throws {
        guard mayReach(area) else { throw CaunoiError.roleNotAllowed(role: role.rawValue) }
    }
}
