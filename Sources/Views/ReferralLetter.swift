import Cases

/// The printable referral letter for agencies without a key: a complete HTML document in
/// Vietnamese (well-formed, so it also parses as XML), with exactly the disclosed fields.
public enum ReferralLetter {
    public static func html(_ letter: LetterContent, policy: Policy) -> String {
        let (referral, agency, centre, disclosure, signing, root) = (letter.referral, letter.agency, letter.centre, letter.disclosure,
                                                                     letter.signing, letter.root)
        let escape = HTMLText.escape
        func value(_ json: JSONValue) -> String {
            switch json {
            case .string(let text): escape(text)
            case .array(let items): items.map(value).joined(separator: "; ")
            case .int(let number): String(number)
            default: ""
            }
        }
        let rows = DisclosableField.allCases.compactMap { field -> String? in
            guard let json = disclosure.fields[field.rawValue] else { return nil }
            // Children are records (name, date, codes): said in words, codes by their labels.
            let shown = field == .children ? escape(ReferralText.text(json, field: field, labels: CodeLabels(policy: policy, lang: .vi))) : value(json)
            return "      <tr><th scope=\"row\">\(escape(field.label))</th><td>\(shown)</td></tr>"
        }
        let priority = switch referral.priority {
        case .emergency: "Khẩn cấp (trả lời trong 24 giờ)"
        case .urgent: "Gấp (trả lời trong 72 giờ)"
        case .normal: "Thông thường (trả lời trong 14 ngày)"
        }
        let service = policy.needs.entry(referral.service)?.vi ?? referral.service
        return """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
              <meta charset="utf-8" />
              <title>Phiếu chuyển gửi \(escape(referral.id))</title>
              <style>body { font-family: serif; max-width: 40em; margin: 2em auto; } th { text-align: left; padding-right: 1em; } .safe { border: 2px solid #000; padding: 0.5em; }</style>
            </head>
            <body>
              <p>\(escape(centre.name))</p>
              <h1>PHIẾU CHUYỂN GỬI</h1>
              <p>Số phiếu: <strong>\(escape(referral.id))</strong> — Ngày lập: \(escape(referral.createdOn))</p>
              <p>Kính gửi: <strong>\(escape(agency.name))</strong></p>
              <p>Dịch vụ đề nghị: \(escape(service))</p>
              <p>Mức độ ưu tiên: \(escape(priority)) — Hạn trả lời: \(escape(referral.due))</p>
              <h2>Thông tin được phép chia sẻ (đã có sự đồng ý)</h2>
              <table>
            \(rows.joined(separator: "\n"))
              </table>
              <h2>Cách liên hệ an toàn</h2>
              <p class="safe">\(escape(disclosure.safeContact.isEmpty ? "Không liên hệ trực tiếp; liên hệ qua trung tâm chuyển gửi." : disclosure.safeContact))</p>
              <p>Đề nghị quý cơ quan trả lời: tiếp nhận, từ chối (nêu lý do) hoặc đã hoàn thành, qua trung tâm chuyển gửi.</p>
              <p>Thông tin trong phiếu này là bí mật; chỉ dùng để hỗ trợ người được chuyển gửi.</p>
              <p class="keys">Dấu vân tay khoá ký của trung tâm (signing key): <code>\(escape(signing))</code><br />
                Gốc tin cậy của hệ thống (deployment root): <code>\(escape(root))</code></p>
            </body>
            </html>

            """
    }
}

extension DisclosableField {
    /// The field's label, from the one table every face uses (`Text.Field`).
    public func label(_ lang: Language) -> String { Text.field(field).text(lang) }

    /// Vietnamese, for letters.
    var label: String { label(.vi) }

    private var field: Text.Field {
        switch self {
        case .name: .name
        case .otherNames: .otherNames
        case .dob: .dob
        case .birthYear: .birthYear
        case .phones: .phones
        case .email: .email
        case .idNumber: .idNumber
        case .passport: .passport
        case .address: .address
        case .originProvince: .origin
        case .destination: .destination
        case .migration: .migration
        case .needs: .needs
        case .ageBand: .ageBand
        case .children: .children
        }
    }
}
