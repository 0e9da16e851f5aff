/// The public catalogue of statistics dimensions. Names are part of the export contract.
public enum StatsDimension: String, Sendable, CaseIterable {
    case programme, centre
    case originProvince = "origin_province"
    case destination
    case ageBand = "age_band"
    case migration, need, outcome
    case referralKind = "referral_kind"
    case year, quarter
    /// The country and status of the association a case is linked to ("none" when it is not),
    /// or of the association itself when associations are the unit counted.
    case associationCountry = "association_country"
    case associationStatus = "association_status"
    /// The kinds of contact a case had (issue 15): "women reached by home visits", never how
    /// many contacts, which one talkative woman could fill alone.
    case contactKind = "contact_kind"
    /// A child's Vietnamese birth registration and nationality status (children counted).
    case childRegistration = "child_registration"
    case childNationality = "child_nationality"
    /// The services a case was given (policy/codes/services.yaml), and who gave them: the
    /// centre itself or a partner agency's kind.
    case service
    case serviceProvider = "service_provider"
    /// The level of each form's latest assessment of a case (`<form>.<level>`, e.g.
    /// `safety.high`): the level decided, a plain code; answers are never read.
    case assessmentLevel = "assessment_level"

    /// Dimensions only children have.
    static let ofChildren: Set<StatsDimension> = [.childRegistration, .childNationality]

    /// What can be counted when associations are the unit (organisations, not women).
    static let ofAssociations: Set<StatsDimension> = [.associationCountry, .associationStatus, .year, .quarter]

    /// Dimensions where one unit can hold several codes (capped by policy).
    public var isMultiValued: Bool { [.need, .referralKind, .contactKind, .service, .serviceProvider, .assessmentLevel].contains(self) }

    /// The full code list: empty cells are still cells.
    func codes(policy: Policy, centres: [String], years: ClosedRange<Int>) -> [String] {
        switch self {
        case .programme: policy.programmes.entries.map(\.code)
        case .centre: centres.sorted()
        case .originProvince: policy.provinces.entries.map(\.code) + ["unknown"]
        case .destination: policy.countries.entries.map(\.code) + ["unknown"]
        case .ageBand: policy.ageBands.map(\.code) + ["unknown"]
        case .migration: policy.migrationTypes.entries.map(\.code) + ["unknown"]
        case .need: policy.needs.entries.map(\.code) + ["none"]
        case .outcome: policy.outcomes.entries.map(\.code) + ["open"]
        case .referralKind: AgencyKind.allCases.map(\.rawValue) + ["none"]
        case .year: years.map(String.init)
        case .quarter: years.flatMap { year in (1...4).map { "\(year)-Q\($0)" } }
        case .associationCountry: policy.countries.entries.map(\.code) + ["none"]
        case .associationStatus: AssociationStatus.allCases.map(\.rawValue) + ["none"]
        case .contactKind: policy.contactKinds.entries.map(\.code) + ["none"]
        case .childRegistration: policy.birthRegistration.entries.map(\.code)
        case .childNationality: policy.nationalityStatus.entries.map(\.code)
        case .service: policy.services.entries.map(\.code) + ["none"]
        case .serviceProvider: ["centre"] + AgencyKind.allCases.map(\.rawValue) + ["none"]
        case .assessmentLevel: policy.assessments.flatMap { form in form.levels.map { "\(form.code).\($0.entry.code)" } } + ["none"]
        }
    }
}
