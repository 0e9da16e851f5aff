/// Who may vouch for what. These rules are code, not data: a file editor cannot widen them.
/// `nil` as the issuer means the deployment root (derived from the recovery key).
enum Authority {
    /// May `issuer` sign `certificate`? For a revocation, `target` is what it withdraws.
    static func mayIssue(_ issuer: Certificate?, _ certificate: Certificate, target: Certificate?) -> Bool {
        guard let issuer else { return true }
        guard issuer.kind == .user, let role = issuer.role else { return false }
        switch (role, certificate.kind) {
        case (.admin, .user), (.admin, .centre), (.admin, .agency), (.manager, .agency), (.central, .agency):
            return true
        case (.admin, .revocation):
            return target?.kind == .user
        case (.manager, .user):
            return certificate.role?.worksCases == true && certificate.centre == issuer.centre
        case (.manager, .centre):
            return certificate.subject == issuer.centre
        case (.manager, .revocation):
            guard let target, target.kind == .user else { return false }
            return target.role?.worksCases == true && target.centre == issuer.centre
        default:
            return false
        }
    }

    /// Does a user's role (from her certificate) call for this key?
    static func needs(_ recipient: Certificate, _ key: KeyID) -> Bool {
        guard recipient.kind == .user, let role = recipient.role else { return false }
        switch key {
        case .centre(let code, _): return role.worksCases && recipient.centre == code
        case .centreIndex(let code): return role.worksCases && recipient.centre == code
        case .centralReview: return role == .central
        case .index, .ownBox, .ownSigning, .trustRoot, .auditHead: return false
        }
    }

    /// May `grantor` hand `key` to `recipient`? Admins only act with the recovery key in hand
    /// (the command asks for it); managers give their own centre's keys; central officers the
    /// central key; and only to someone whose role needs it.
    static func mayGrant(_ grantor: Certificate?, _ key: KeyID, to recipient: Certificate) -> Bool {
        guard needs(recipient, key) else { return false }
        guard let grantor else { return true }
        guard grantor.kind == .user, let role = grantor.role else { return false }
        switch (role, key) {
        case (.admin, _): return true
        case (.manager, .centre(let code, _)), (.manager, .centreIndex(let code)): return code == grantor.centre
        case (.central, .centralReview): return true
        default: return false
        }
    }

    /// May `signer` wrap `key` for the recovery key? Whoever creates a key wraps it: the root
    /// (at `init`), an admin (a new centre, or a rotation with the recovery key) or a manager
    /// (her centre's rotation).
    static func mayWrapForRecovery(_ signer: Certificate?, _ key: KeyID) -> Bool {
        guard let signer else { return true }
        guard signer.kind == .user, let role = signer.role else { return false }
        switch (role, key) {
        case (.admin, .centre), (.admin, .centreIndex): return true
        case (.manager, .centre(let code, _)): return code == signer.centre
        default: return false
        }
    }
}
