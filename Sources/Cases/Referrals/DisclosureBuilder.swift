/// Builds what a referral discloses from the case: exactly the rule's fields, nothing else.
enum DisclosureBuilder {
    /// `children` are those the referred need concerns.
    static func build(fields: [DisclosableField], person: PersonFields, summary: CaseSummary, safeContact: PersonalText?,
                      children: [ChildView] = []) -> Disclosure {
        var out: [String: JSONValue] = [:]
        func text(_ value: PersonalText?) -> JSONValue? { value.map { .string($0.revealed) } }
        func list(_ values: [PersonalText]) -> JSONValue? { values.isEmpty ? nil : .array(values.map { .string($0.revealed) }) }
        for field in fields {
            let value: JSONValue? = switch field {
            case .name: text(person.name)
            case .otherNames: list(person.otherNames)
            case .dob: text(person.dateOfBirth)
            case .birthYear: person.birthYear.map { .string(String($0)) }
            case .phones: list(person.phones)
            case .email: text(person.email)
            case .idNumber: text(person.idNumber)
            case .passport: text(person.passport)
            case .address: text(person.address)
            case .originProvince: summary.originProvince.map { .string($0) }
            case .destination: summary.destination.map { .string($0) }
            case .migration: summary.migration.map { .string($0) }
            case .needs: summary.needs.isEmpty ? nil : .array(summary.needs.map { .string($0) })
            case .ageBand: summary.ageBand.map { .string($0) }
            case .children: children.isEmpty ? nil : .array(children.map { child in
                var members: [String: JSONValue] = ["birth_registration": .string(child.birthRegistration),
                                                    "nationality": .string(child.nationality)]
                members["name"] = text(child.name)
                members["dob"] = text(child.dateOfBirth)
                members["sex"] = child.sex.map { .string($0.rawValue) }
                members["birth_country"] = child.birthCountry.map { .string($0) }
                return .object(members)
            })
            }
            if let value { out[field.rawValue] = value }
        }
        return Disclosure(fields: out, safeContact: safeContact?.revealed ?? "")
    }
}
