/// Echoes a code only when it looks like one: short ASCII letters, dashes and at most four
/// digits. Used only for codes caunoi itself found (an agency or service it looked up); a value
/// the user typed that was not found or not valid is never echoed at all (issue 12), since a
/// short name typed into a code field would pass this test.
func echoIfCode(_ value: String) -> String {
    let scalars = value.unicodeScalars
    let allowed = (1...32).contains(value.count)
        && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
        && scalars.filter { ("0"..."9").contains($0) }.count <= 4
    return allowed ? "“\(value)”" : "(…)"
}

/// Echoes a record id (case `HN-OSSO-2026-00042`, referral `HN-OSSO-2026-00042-R1`, person
/// `P-7K3QX9TB2M4D`) whose shape is ours; anything else typed in its place is withheld.
func echoIfRecordID(_ value: String) -> String {
    var parts = value.split(separator: "-", omittingEmptySubsequences: false)
    if let last = parts.last, last.count >= 2, last.count <= 4, last.first == "R", last.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
        parts.removeLast()
    }
    let isCaseID = parts.count >= 3 && parts.suffix(2).map(\.count) == [4, 5]
        && parts.suffix(2).allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        && parts.dropLast(2).allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) } }
    let isRandomID = parts.count == 2 && parts[0].count == 1 && parts[1].count == 12
        && parts[1].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    return isCaseID || isRandomID ? "“\(value)”" : "(…)"
}
