extension CaseStore {
    /// A logout from a long-running face, in the audit trail beside the login it ends (the
    /// keys themselves are wiped by whoever held them: `Session.wipe`, `SessionRegistry.end`).
    public func recordLogout(_ session: Session) throws {
        try write { db in try audit(db, session, "logout") }
    }
}
