import Cases

/// A transfer between centres as a line of text (`transfer list`) and its status by label.
public enum TransferText {
    public static func status(_ status: TransferStatus, lang: Language) -> String {
        let (vi, en) = switch status {
        case .pending: ("Chờ tiếp nhận", "Waiting")
        case .accepted: ("Đã tiếp nhận", "Accepted")
        case .declined: ("Đã từ chối", "Declined")
        }
        return lang == .vi ? vi : en
    }

    public static func row(_ t: Transfer, lang: Language) -> String {
        [t.id, "\(t.from) → \(t.to)", status(t.status, lang: lang), DisplayFormat.day(t.requestedOn), t.requestedBy,
         t.cases.joined(separator: ", ")].joined(separator: "\t")
    }
}
