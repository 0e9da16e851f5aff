/// What a page must say once after the step that redirected to it, kept on the server beside
/// the session rather than in the address: "this woman may be the same as case …" links two
/// records, and an address lands in history and proxy logs. One notice per session; reading
/// it removes it; a session's notice goes with the session's next one.
actor OneTimeNotices {
    private var duplicates: [String: (caseID: String, ids: [String])] = [:]

    func putDuplicates(session: String, caseID: String, ids: [String]) {
        // Notices of sessions that expired unread are dropped wholesale past a bound.
        if duplicates.count >= 1_000 { duplicates = [:] }
        duplicates[session] = ids.isEmpty ? nil : (caseID, ids)
    }

    /// The possible duplicates found when `caseID` was opened in this session, once.
    func takeDuplicates(session: String, caseID: String) -> [String] {
        guard let notice = duplicates[session], notice.caseID == caseID else { return [] }
        duplicates[session] = nil
        return notice.ids
    }

    func forget(session: String) {
        duplicates[session] = nil
    }
}
