import Cases

/// A field as a page names it in a message: by the label its form shows. (The CLI names the
/// same `InputField` by its flag, in `FailureReport`.) One table, beside the labels it uses.
extension InputField {
    public func label(_ lang: Language) -> String {
        let field: Text.Field? = switch self {
        case .name: .name
        case .dob: .dob
        case .birthYear: .birthYear
        case .person, .into: .person
        case .openedOn: .opened
        case .phone, .addPhone, .removePhone: .phones
        case .otherName, .addOtherName, .removeOtherName: .otherNames
        case .programme: .programme
        case .outcome: .outcome
        case .need, .addNeed, .removeNeed: .needs
        case .association: .association
        case .request: .supportRequest
        case .role: .role
        case .centre, .centreCode: .centre
        case .country: .country
        case .status: .status
        case .city: .city
        case .founded: .founded
        case .members: .members
        case .website: .website
        case .agency, .agencyID: .agency
        case .agencyKind, .kind: .kind
        case .date: .day
        case .time: .time
        case .minutes: .minutes
        case .staff: .staff
        case .summary: .summary
        case .due: .due
        case .task: .followUps
        case .child: .children
        case .spouse: .spouses
        case .sex: .sex
        case .birthCountry: .birthCountry
        case .registration: .birthRegistration
        case .nationality: .nationality
        case .livesWithHer: .livesWithHer
        case .relation: .relation
        case .contact: .contact
        case .document: .document
        case .file: .attachments
        case .title: .title
        case .goal: .goal
        case .service: .service
        case .responsible: .responsible
        case .target: .target
        case .form: .assessmentForm
        case .answer: .answers
        case .level: .level
        case .note: .note
        case .publicKey: .publicKey
        case .fields: .fields
        case .text: .notes
        default: nil
        }
        if let field { return Text.field(field).text(lang) }
        return switch self {
        case .user, .userName: PageText.userName.text(lang)
        case .reason: PageText.reasonLabel.text(lang)
        case .assignTo: PageText.assignTo.text(lang)
        default: rawValue
        }
    }
}
