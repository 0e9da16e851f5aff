import Cases

/// `user add|grant --json`, `keys recover --json`: which keys she now holds, which are missing.
public struct AccessJSON: Encodable {
    let user: String
    let granted: [String]
    let missing: [String]

    public init(_ change: AccessChange) { (user, granted, missing) = (change.user, change.granted, change.missing) }
}

/// `keys rotate --json`.
public struct RotationJSON: Encodable {
    let centre: String
    let version: Int
    let rewrapped: Int
    let grantedTo: [String]

    public init(_ r: KeyRotation) { (centre, version, rewrapped, grantedTo) = (r.centre, r.version, r.rewrapped, r.grantedTo) }
}

/// `keys certify --json`: the root to announce and every account certified, to review.
public struct CertifiedJSON: Encodable {
    struct Account: Encodable {
        let name: String
        let role: String
        let centre: String?
        let active: Bool

        /// `centre` is written as `null` for staff of no centre, as before.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(role, forKey: .role)
            try c.encode(centre, forKey: .centre)
            try c.encode(active, forKey: .active)
        }

        enum CodingKeys: String, CodingKey { case name, role, centre, active }
    }

    let rootFingerprint: String
    let centreVersions: Int
    let pendingGrants: Int
    let accounts: [Account]

    public init(_ done: Certification) {
        (rootFingerprint, centreVersions, pendingGrants) = (done.rootFingerprint, done.centreVersions, done.pendingGrants)
        accounts = done.accounts.map { Account(name: $0.name, role: $0.role.rawValue, centre: $0.centre, active: $0.active) }
    }
}
