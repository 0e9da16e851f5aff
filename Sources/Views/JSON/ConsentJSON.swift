import Cases

public struct ConsentJSON: Encodable {
    let id: String
    let purpose: String
    let agency: String?
    let agencyKind: String?
    let fields: [String]?
    let note: String?
    let givenOn: String
    let givenBy: String
    let withdrawnOn: String?

    public init(_ c: Consent) {
        id = c.id; purpose = c.purpose.rawValue; agency = c.agencyID; agencyKind = c.agencyKind?.rawValue
        fields = c.fields?.map(\.rawValue); note = c.note?.display; givenOn = c.givenOn; givenBy = c.givenBy; withdrawnOn = c.withdrawnOn
    }
}
