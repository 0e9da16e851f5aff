import Testing
@testable import Cases
import Views

@Suite struct NormaliseTests {
    @Test func vietnameseNamesFoldToTheSameTokens() {
        let forms = ["Nguyễn Thị Hoà", "Nguyễn Thị Hòa", "nguyen thi hoa", "NGUYỄN  THỊ   HOÀ", "Nguyê\u{0303}n Thi\u{0323} Hoa\u{0300}"]
        for form in forms { #expect(Normalise.nameTokens(form) == ["nguyen", "thi", "hoa"]) }
    }

    @Test func nameKeyIgnoresOrder() {
        #expect(Normalise.nameKey("HOA NGUYEN THI") == Normalise.nameKey("Nguyễn Thị Hoà"))
        #expect(Normalise.nameKey("Nguyễn Thị Hoà") != Normalise.nameKey("Nguyễn Thị Hoa Bình"))
    }

    @Test func dStrokeBecomesD() {
        #expect(Normalise.nameTokens("Đặng Đức") == ["dang", "duc"])
    }

    @Test func punctuationSeparatesTokens() {
        #expect(Normalise.nameTokens("Trần-Thị, Lan.") == ["tran", "thi", "lan"])
    }

    @Test(arguments: ["0912345678", "+84 912 345 678", "+84912345678", "84912345678", "0912.345.678", "(0912) 345-678", "0084 912 345 678"])
    func vietnamesePhonePrefixesAgree(_ form: String) {
        #expect(Normalise.phone(form) == "0912345678")
    }

    @Test func foreignPhonesKeepTheirCountryCode() {
        #expect(Normalise.phone("+82 10-1234-5678") == "+821012345678")
        #expect(Normalise.phone("+82 10-1234-5678") != Normalise.phone("01012345678"))
    }

    @Test func documentsDropSeparatorsAndCase() {
        #expect(Normalise.document("c 123-4567") == "C1234567")
        #expect(Normalise.document("001 190 012 345") == "001190012345")
    }
}

@Suite struct ErrorTextTests {
    /// A value typed into a field that was not found or not valid is never echoed (issue 12):
    /// a short name ("Lan") typed into a code field looks like a code. Record ids of our own
    /// shape are still named.
    @Test func typedValuesAreNeverEchoed() {
        #expect(!CaunoiError.unknownCode(list: "need", code: "flying").message(.en, naming: \.rawValue).contains("flying"))
        #expect(CaunoiError.unknownCode(list: "province", code: "01").message(.en, naming: \.rawValue).contains("province"))
        for personal in ["Lan", "Hoa", "0912345678", "C1234567", "Nguyễn Thị Hoà", "001190012345", "hoa@example.org x", "+84 912 345 678"] {
            #expect(!CaunoiError.userNotFound(personal).message(.en, naming: \.rawValue).contains(personal))
            #expect(!CaunoiError.agencyNotFound(personal).message(.vi, naming: \.rawValue).contains(personal))
            #expect(!CaunoiError.centreNotFound(personal).message(.vi, naming: \.rawValue).contains(personal))
            #expect(!CaunoiError.unknownCode(list: "need", code: personal).message(.vi, naming: \.rawValue).contains(personal))
            #expect(!CaunoiError.invalid(.name).message(.en, naming: \.rawValue).contains(personal))
            #expect(!CaunoiError.caseNotFound(personal).message(.en, naming: \.rawValue).contains(personal))
        }
        #expect(CaunoiError.caseNotFound("HN-OSSO-2026-00042").message(.en, naming: \.rawValue).contains("HN-OSSO-2026-00042"))
        #expect(CaunoiError.personNotFound("P-7K3QX9TB2M4D").message(.en, naming: \.rawValue).contains("P-7K3QX9TB2M4D"))
    }

    @Test func importErrorsNameLineAndColumnButNeverTheValue() {
        let message = CaunoiError.importFailed(line: 9990, column: "need", reason: .unknownCode("0912345678")).message(.en, naming: \.rawValue)
        #expect(message.contains("9990") && message.contains("need"))
        #expect(!message.contains("0912345678"))
    }
}
