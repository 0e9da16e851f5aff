import Cases

/// The label a person reads for each code: from the reviewed lists in `policy/codes` where
/// the code lives there, from the catalogue for caunoi's own states (case status, history
/// steps). A code missing from its list (a list edited after the fact) shows as itself rather
/// than nothing. Storage, JSON and exports keep the codes.
public struct CodeLabels: Sendable {
    public let policy: Policy
    public let lang: Language

    public init(policy: Policy, lang: Language) {
        self.policy = policy
        self.lang = lang
    }

    private func label(_ list: CodeList, _ code: String) -> String {
        list.entry(code)?.label(lang) ?? code
    }

    public func programme(_ programme: Programme) -> String { label(policy.programmes, programme.rawValue) }
    public func risk(_ risk: RiskLevel) -> String { label(policy.riskLevels, risk.rawValue) }
    public func province(_ code: String) -> String { label(policy.provinces, code) }
    public func country(_ code: String) -> String { label(policy.countries, code) }
    public func migration(_ code: String) -> String { label(policy.migrationTypes, code) }
    public func need(_ code: String) -> String { label(policy.needs, code) }
    public func outcome(_ code: String) -> String { label(policy.outcomes, code) }
    public func supportRequest(_ code: String) -> String { label(policy.supportRequests, code) }
    public func activityKind(_ code: String) -> String { label(policy.activityKinds, code) }
    public func contactKind(_ code: String) -> String { label(policy.contactKinds, code) }
    public func birthRegistration(_ code: String) -> String { label(policy.birthRegistration, code) }
    public func document(_ code: String) -> String { label(policy.documents, code) }
    public func service(_ code: String) -> String { label(policy.services, code) }

    /// An assessment form, and its levels, questions and answers, by the labels of the form
    /// as the policy has it now (a code it no longer has shows as itself).
    public func assessmentForm(_ form: String) -> String { policy.assessments.first { $0.code == form }?.entry.label(lang) ?? form }
    public func assessmentLevel(_ form: String, _ level: String) -> String {
        policy.assessments.first { $0.code == form }?.level(level)?.entry.label(lang) ?? level
    }
    public func assessmentQuestion(_ form: String, _ question: String) -> String {
        policy.assessments.first { $0.code == form }?.question(question)?.entry.label(lang) ?? question
    }
    public func assessmentAnswer(_ form: String, _ answer: String) -> String {
        policy.assessments.first { $0.code == form }?.answer(answer)?.entry.label(lang) ?? answer
    }

    /// Who provides a service: a partner agency by its id, or the centre itself.
    public func provider(_ agency: String?) -> String { agency ?? (lang == .vi ? "Trung tâm" : "The centre") }

    public func goalStatus(_ status: GoalStatus) -> String {
        let (vi, en) = switch status {
        case .open: ("Đang thực hiện", "Open")
        case .met: ("Đã đạt", "Met")
        case .partlyMet: ("Đạt một phần", "Partly met")
        case .dropped: ("Đã dừng", "Dropped")
        }
        return lang == .vi ? vi : en
    }

    public func serviceOutcome(_ outcome: ServiceOutcome) -> String {
        let (vi, en) = switch outcome {
        case .completed: ("Đã hoàn thành", "Completed")
        case .partlyCompleted: ("Hoàn thành một phần", "Partly completed")
        case .notCompleted: ("Chưa hoàn thành", "Not completed")
        case .refused: ("Chị không nhận", "She declined it")
        }
        return lang == .vi ? vi : en
    }

    public func documentStatus(_ status: DocumentStatus) -> String {
        let (vi, en) = status == .holds ? ("Đã có", "Holds") : ("Cần", "Needs")
        return lang == .vi ? vi : en
    }
    public func nationalityStatus(_ code: String) -> String { label(policy.nationalityStatus, code) }

    /// A child's sex by its stored code.
    public func sex(_ code: String) -> String {
        let (vi, en) = code == ChildSex.female.rawValue ? ("Nữ", "Female") : code == ChildSex.male.rawValue ? ("Nam", "Male") : (code, code)
        return lang == .vi ? vi : en
    }

    public func relation(_ relation: SpouseRelation) -> String {
        let (vi, en) = relation == .spouse ? ("Chồng", "Spouse") : ("Chồng cũ", "Former spouse")
        return lang == .vi ? vi : en
    }

    /// Yes or no.
    public func yesNo(_ value: Bool) -> String { lang == .vi ? (value ? "Có" : "Không") : (value ? "Yes" : "No") }

    public func followUpReason(_ reason: FollowUpReason) -> String {
        let (vi, en) = switch reason {
        case .manual: ("Việc cần làm", "Task")
        case .noContact: ("Nguy cơ cao, lâu chưa tiếp xúc", "High risk, no recent contact")
        case .referralPastDue: ("Phiếu chuyển gửi quá hạn chưa có trả lời", "Referral past due, unanswered")
        case .closureRequest: ("Đề nghị đóng hồ sơ chờ duyệt", "Closure request awaiting approval")
        case .shelterStayEnding: ("Sắp hết thời gian tạm trú", "Shelter stay ending")
        }
        return lang == .vi ? vi : en
    }

    public func status(_ status: CaseStatus) -> String {
        let (vi, en) = switch status {
        case .open: ("Mới mở", "Open")
        case .active: ("Đang xử lý", "Active")
        case .closed: ("Đã đóng", "Closed")
        }
        return lang == .vi ? vi : en
    }

    public func referralStatus(_ status: ReferralStatus) -> String {
        let (vi, en) = switch status {
        case .draft: ("Bản nháp", "Draft")
        case .pendingReview: ("Chờ trung ương duyệt", "Awaiting central review")
        case .ready: ("Sẵn sàng gửi", "Ready to send")
        case .sent: ("Đã gửi", "Sent")
        case .accepted: ("Đã tiếp nhận", "Accepted")
        case .declined: ("Bị từ chối", "Declined")
        case .completed: ("Đã hoàn thành", "Completed")
        case .withdrawn: ("Đã rút lại", "Withdrawn")
        }
        return lang == .vi ? vi : en
    }

    public func priority(_ priority: Priority) -> String {
        let (vi, en) = switch priority {
        case .emergency: ("Khẩn cấp", "Emergency")
        case .urgent: ("Gấp", "Urgent")
        case .normal: ("Thông thường", "Normal")
        }
        return lang == .vi ? vi : en
    }

    /// Said of a referral nobody answered by its due time.
    /// Why a referral waits for central review.
    public func reviewReason(_ reason: ReviewReason) -> String {
        let (vi, en) = switch reason {
        case .highRisk: ("Hồ sơ nguy cơ cao", "High-risk case")
        case .sensitiveFields: ("Tiết lộ di cư hoặc nhu cầu (có thể lộ mua bán người, bạo lực)", "Discloses migration or needs (may reveal trafficking or violence)")
        case .crossBorder: ("Gửi ra nước ngoài hoặc tổ chức quốc tế", "Goes abroad or to an international organisation")
        case .rule: ("Theo quy tắc chuyển gửi", "The routing rule requires it")
        }
        return lang == .vi ? vi : en
    }

    public var overdue: String { lang == .vi ? "quá hạn" : "overdue" }

    public func consentPurpose(_ purpose: ConsentPurpose) -> String {
        let (vi, en) = switch purpose {
        case .services: ("Nhận dịch vụ của trung tâm", "Services of the centre")
        case .referral: ("Chuyển gửi", "Referral")
        case .statistics: ("Thống kê", "Statistics")
        case .contact: ("Liên lạc", "Contact")
        }
        return lang == .vi ? vi : en
    }

    /// A case status by its stored code (history steps name statuses by code).
    public func caseStatus(_ code: String) -> String { CaseStatus(rawValue: code).map(status) ?? code }

    public func associationStatus(_ code: String) -> String {
        let pair: (String, String)? = switch code {
        case "forming": ("Đang thành lập", "Forming")
        case "active": ("Đang hoạt động", "Active")
        case "dormant": ("Tạm ngừng hoạt động", "Dormant")
        case "dissolved": ("Đã giải thể", "Dissolved")
        default: nil
        }
        guard let (vi, en) = pair else { return code }
        return lang == .vi ? vi : en
    }

    /// A step of a history (`case_events.kind`, `association_events.kind`).
    public func historyStep(_ kind: String) -> String {
        let pair: (String, String)? = switch kind {
        case "opened": ("Mở hồ sơ", "Opened")
        case "assigned": ("Giao hồ sơ", "Assigned")
        case "closed": ("Đóng hồ sơ", "Closed")
        case "reopened": ("Mở lại hồ sơ", "Reopened")
        case "updated": ("Cập nhật", "Updated")
        case "closure-requested": ("Đề nghị đóng hồ sơ", "Closure requested")
        case "closure-declined": ("Không duyệt đóng hồ sơ", "Closure declined")
        case "transfer-requested": ("Đề nghị chuyển trung tâm", "Transfer requested")
        case "transferred": ("Chuyển trung tâm", "Transferred")
        case "merged": ("Gộp hồ sơ trùng", "Merged")
        case "registered": ("Đăng ký", "Registered")
        case "status": ("Đổi trạng thái", "Status changed")
        // A referral's steps (`referral_events.kind`).
        case "created": ("Tạo phiếu", "Created")
        case "note": ("Ghi chú kèm theo", "Cover note")
        case "submitted": ("Gửi lại để duyệt", "Resubmitted")
        case "returned": ("Trả lại", "Returned")
        case "approved": ("Đã duyệt", "Approved")
        case "emergency-release": ("Gửi khẩn cấp trước khi duyệt", "Sent before review (emergency)")
        case "reviewed-after": ("Đã duyệt sau", "Reviewed after the fact")
        case "sent": ("Đã gửi", "Sent")
        case "accepted": ("Được tiếp nhận", "Accepted")
        case "declined": ("Bị từ chối", "Declined")
        case "completed": ("Đã hoàn thành", "Completed")
        case "withdrawn": ("Đã rút lại", "Withdrawn")
        default: nil
        }
        guard let (vi, en) = pair else { return kind }
        return lang == .vi ? vi : en
    }
}
