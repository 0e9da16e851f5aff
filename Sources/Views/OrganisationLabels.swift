import Cases

/// Labels of the codes that describe staff and organisations rather than cases: roles, centre
/// kinds and agency kinds. They are fixed by the code (not policy), so their words live here.
extension CodeLabels {
    public func role(_ role: Role) -> String {
        let (vi, en) = switch role {
        case .counsellor: ("Tư vấn viên", "Counsellor")
        case .manager: ("Quản lý trung tâm", "Centre manager")
        case .central: ("Cán bộ trung ương", "Central officer")
        case .statistician: ("Cán bộ thống kê", "Statistician")
        case .admin: ("Quản trị hệ thống", "Administrator")
        }
        return lang == .vi ? vi : en
    }

    public func centreKind(_ kind: CentreKind) -> String {
        let (vi, en) = switch kind {
        case .osso: ("Văn phòng một cửa (OSSO)", "One-stop service office (OSSO)")
        case .marriage: ("Trung tâm tư vấn hôn nhân", "Marriage counselling centre")
        case .central: ("Trung ương Hội", "Union central office")
        case .associationDesk: ("Bộ phận hội người Việt ở nước ngoài", "Overseas associations desk")
        }
        return lang == .vi ? vi : en
    }

    public func agencyKind(_ kind: AgencyKind) -> String {
        let (vi, en) = switch kind {
        case .justice: ("Tư pháp", "Justice")
        case .legalAid: ("Trợ giúp pháp lý", "Legal aid")
        case .police: ("Công an", "Police")
        case .borderGuard: ("Bộ đội biên phòng", "Border guard")
        case .health: ("Y tế", "Health")
        case .shelter: ("Nhà tạm lánh", "Shelter")
        case .socialProtection: ("Bảo trợ xã hội", "Social protection")
        case .embassy: ("Đại sứ quán, lãnh sự quán", "Embassy or consulate")
        case .internationalOrganisation: ("Tổ chức quốc tế", "International organisation")
        case .foreignCounterpart: ("Đối tác nước ngoài", "Foreign counterpart")
        case .ngo: ("Tổ chức phi chính phủ", "Non-governmental organisation")
        case .employment: ("Việc làm", "Employment")
        case .education: ("Giáo dục, đào tạo", "Education and training")
        }
        return lang == .vi ? vi : en
    }

    /// "Hàn Quốc, Đài Loan" from codes, each by its label.
    public func list(_ codes: [String], _ label: (String) -> String) -> String {
        codes.map(label).joined(separator: ", ")
    }
}
