import Cases

/// A referral as lines of text for the staff who may read it: what it is, every disclosed field
/// by its label (codes among them by their labels), and its history. Values come from partners
/// and staff alike, so each passes through `ControlCharacters.neutralised`.
public enum ReferralText {
    public static func lines(_ view: ReferralView, labels: CodeLabels) -> [String] {
        let r = view.referral
        let due = labels.lang == .vi ? "hạn" : "due"
        var lines = ["\(r.id) · \(r.agency) · \(labels.need(r.service)) · \(labels.priority(r.priority)) · \(labels.referralStatus(r.status))"
                     + " · \(due) \(DisplayFormat.time(r.due))\(r.isOverdue() ? " · " + labels.overdue : "")"]
        for field in DisclosableField.allCases {
            guard let value = view.disclosure.fields[field.rawValue] else { continue }
            lines.append("  \(field.label(labels.lang)): \(ControlCharacters.neutralised(text(value, field: field, labels: labels)))")
        }
        if !view.disclosure.safeContact.isEmpty {
            lines.append("  \(Text.field(.safeContact).text(labels.lang)): \(ControlCharacters.neutralised(view.disclosure.safeContact))")
        }
        if let review = view.review { lines += reviewLines(review, labels: labels) }
        return lines + CaseText.history(view.events, labels: labels, status: { ReferralStatus(rawValue: $0).map(labels.referralStatus) ?? $0 })
    }

    /// What a central officer reads before deciding: why review, who submitted and since
    /// when (days waited, Vietnam's calendar), and what changed since a return.
    public static func reviewLines(_ review: ReviewContext, labels: CodeLabels) -> [String] {
        let vi = labels.lang == .vi
        let waited = Day.between(review.waitingSince, Day.today()) ?? 0
        var lines = ["  " + (vi ? "Cần duyệt vì: " : "Reviewed because: ") + review.reasons.map(labels.reviewReason).joined(separator: "; ")
                        + " (\(review.rule))",
                     "  " + (vi ? "Người gửi: \(review.submittedBy) · chờ từ \(DisplayFormat.day(review.waitingSince)) (\(waited) ngày)"
                                : "Submitted by \(review.submittedBy) · waiting since \(DisplayFormat.day(review.waitingSince)) (\(waited) days)")]
        if review.afterTheFact {
            lines.append("  " + (vi ? "KHẨN CẤP: quản lý đã gửi trước khi duyệt; cần duyệt sau (xem lý do trong lịch sử)."
                                    : "EMERGENCY: a manager sent it before review; review it after the fact (the reason is in the history)."))
        }
        if let changed = review.changedSinceReturn {
            let names = changed.map { name in DisclosableField(rawValue: name).map { $0.label(labels.lang) } ?? Text.field(.safeContact).text(labels.lang) }
            lines.append("  " + (vi ? "Thay đổi từ khi trả lại: " : "Changed since the return: ")
                         + (names.isEmpty ? (vi ? "không có" : "nothing") : names.joined(separator: ", ")))
        }
        return lines
    }

    /// A disclosed value as text: codes (province, country, migration, needs) by their labels.
    static func text(_ value: JSONValue, field: DisclosableField, labels: CodeLabels) -> String {
        let label: (String) -> String = switch field {
        case .originProvince: labels.province
        case .destination: labels.country
        case .migration: labels.migration
        case .needs: labels.need
        case .dob: DisplayFormat.day
        default: { $0 }
        }
        if field == .children, case .array(let children) = value {
            return children.map { child in
                [child["name"]?.string, child["dob"]?.string.map(DisplayFormat.day), child["sex"]?.string.map(labels.sex),
                 child["birth_country"]?.string.map(labels.country), child["birth_registration"]?.string.map(labels.birthRegistration),
                 child["nationality"]?.string.map(labels.nationalityStatus)]
                    .compactMap { $0 }.joined(separator: ", ")
            }.joined(separator: "; ")
        }
        switch value {
        case .string(let text): return label(text)
        case .array(let items): return items.compactMap(\.string).map(label).joined(separator: "; ")
        case .int(let number): return String(number)
        default: return value.canonical
        }
    }
}
