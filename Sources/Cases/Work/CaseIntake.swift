/// Everything typed to open a case. Codes are checked against policy by `validated`.
public struct CaseIntake: Sendable {
    public var programme: Programme
    public var person = PersonFields()
    /// Open a further case for a woman already on file instead of a new person.
    public var existingPersonID: String?
    public var originProvince: String?
    public var destination: String?
    public var migration: String?
    public var needs: [String] = []
    public var risk: RiskLevel?
    public var safeContact: PersonalText?
    public var note: PersonalText?
    public var associationID: String?
    /// What an association's support request asks for (programme `association` only).
    public var supportRequest: String?
    public var openedOn: String?

    public init(programme: Programme) { self.programme = programme }

    /// Checks every code and date against policy and returns the intake with codes in
    /// their stored form (current province codes, upper-case countries).
    public func validated(_ policy: Policy) throws -> CaseIntake {
        var copy = self
        if existingPersonID == nil {
            guard let name = person.name, !name.isBlank else { throw CaunoiError.missing(.name) }
        } else if person.name != nil {
            throw CaunoiError.conflicting(.person, .name)
        }
        copy.originProvince = try originProvince.map(policy.province)
        copy.destination = try destination.map(policy.country)
        copy.migration = try migration.map { try policy.migrationTypes.validate($0) }
        copy.needs = try Array(Set(needs.map { try policy.needs.validate($0) })).sorted()
        if programme == .association {
            // A support request comes from an association and says what it asks for.
            guard associationID != nil else { throw CaunoiError.missing(.association) }
            guard let request = supportRequest else { throw CaunoiError.missing(.request) }
            copy.supportRequest = try policy.supportRequests.validate(request)
        } else if supportRequest != nil {
            throw CaunoiError.conflicting(.request, .programme)
        }
        if let openedOn, !Day.isValid(openedOn) { throw CaunoiError.invalidDate(.openedOn) }
        if let openedOn, !Plausible.openingDay(openedOn) { throw CaunoiError.implausibleDate(.openedOn) }
        try person.validateDates(openedOn: openedOn ?? Day.today())
        return copy
    }
}

extension PersonFields {
    /// Dates well formed and plausible: a date of birth from 1900 up to the case's opening day.
    func validateDates(openedOn: String = Day.today()) throws {
        if let dob = dateOfBirth, !Day.isValid(dob.revealed) { throw CaunoiError.invalidDate(.dob) }
        if let dob = dateOfBirth, !Plausible.birthDay(dob.revealed, openedOn: openedOn) { throw CaunoiError.implausibleDate(.dob) }
        if let year = birthYear, !(1900...2100).contains(year) { throw CaunoiError.invalid(.birthYear) }
        if dateOfBirth != nil, birthYear != nil { throw CaunoiError.conflicting(.dob, .birthYear) }
    }

    /// The age band on a given day, from the exact date of birth or the birth year.
    func ageBand(on day: String, policy: Policy) -> String? {
        guard let today = Day.parse(day) else { return nil }
        if let dob = dateOfBirth, let birth = Day.parse(dob.revealed) {
            return policy.ageBand(forAge: Day.age(birth: birth, on: today))
        }
        if let year = birthYear {
            return policy.ageBand(forAge: today.year - year)
        }
        return nil
    }
}
