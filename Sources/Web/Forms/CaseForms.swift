import Cases

/// What the case forms mean to the core: the same `CaseIntake` and `CaseUpdate` the CLI builds
/// from its flags, by the same names. Personal values are wrapped in `PersonalText` at once.
enum CaseForms {
    static func intake(_ form: FormData) throws -> CaseIntake {
        guard let code = form.value("programme") else { throw CaunoiError.missing(.programme) }
        guard let programme = Programme(rawValue: code) else { throw CaunoiError.unknownCode(list: "programme", code: code) }
        var intake = CaseIntake(programme: programme)
        if let existing = form.value("person") {
            // A further case for a woman on file: her recorded fields stay as they are.
            intake.existingPersonID = existing
        } else {
            intake.person = try person(form)
            intake.person.otherNames = form.values("other-name").map(PersonalText.init)
            intake.person.phones = form.values("phone").map(PersonalText.init)
        }
        intake.originProvince = form.value("origin-province")
        intake.destination = form.value("destination")
        intake.migration = form.value("migration")
        intake.needs = form.values("need")
        intake.risk = try risk(form)
        intake.safeContact = form.value("safe-contact").map(PersonalText.init)
        intake.note = form.value("note").map(PersonalText.init)
        intake.associationID = form.value("association")
        intake.supportRequest = programme == .association ? form.value("request") : nil
        return intake
    }

    /// An edit: single values replace, lists change by what was added and removed. Code fields
    /// whose `was-` twin says they were left as shown are not sent, so an untouched form
    /// changes nothing.
    static func update(_ form: FormData) throws -> CaseUpdate {
        var update = CaseUpdate()
        update.person = try person(form)
        func changed(_ name: String) -> String? {
            guard let value = form.value(name), value != form.value("was-" + name) else { return nil }
            return value
        }
        update.originProvince = changed("origin-province")
        update.destination = changed("destination")
        update.migration = changed("migration")
        if changed("risk") != nil { update.risk = try risk(form) }
        let had = Set(form.values("had-need")), ticked = Set(form.values("need"))
        update.needs = ListEdit(add: ticked.subtracting(had).sorted(), remove: had.subtracting(ticked).sorted())
        update.phones = ListEdit(add: form.values("add-phone").map(PersonalText.init), remove: form.values("remove-phone").map(PersonalText.init))
        update.otherNames = ListEdit(add: form.values("add-other-name").map(PersonalText.init),
                                     remove: form.values("remove-other-name").map(PersonalText.init))
        update.safeContact = form.value("safe-contact").map(PersonalText.init)
        return update
    }

    /// The form fields that describe the woman herself (not the case).
    static let personalFields: Set<String> = ["name", "other-name", "dob", "birth-year", "phone", "email", "id-number", "passport", "address"]

    private static func person(_ form: FormData) throws -> PersonFields {
        var person = PersonFields()
        person.name = form.value("name").map(PersonalText.init)
        person.dateOfBirth = form.value("dob").map(PersonalText.init)
        if let year = form.value("birth-year") {
            guard let value = Int(year) else { throw CaunoiError.invalid(.birthYear) }
            person.birthYear = value
        }
        person.email = form.value("email").map(PersonalText.init)
        person.idNumber = form.value("id-number").map(PersonalText.init)
        person.passport = form.value("passport").map(PersonalText.init)
        person.address = form.value("address").map(PersonalText.init)
        return person
    }

    private static func risk(_ form: FormData) throws -> RiskLevel? {
        guard let code = form.value("risk") else { return nil }
        guard let risk = RiskLevel(rawValue: code) else { throw CaunoiError.unknownCode(list: "risk", code: code) }
        return risk
    }
}
