import Foundation

/// A deterministic stream of invented cases with plausible Vietnamese skew: family names by
/// their real frequency, "Thị" in most women's names, returnees mostly from Korea, Taiwan,
/// Japan and China, phones on Vietnamese mobile prefixes. Nothing here is a real person.
struct Generator {
    /// SplitMix64: small, fast and the same on every machine for a given seed.
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// One of `choices`, drawn by weight.
    mutating func weighted<T>(_ choices: [(T, Int)]) -> T {
        var pick = below(choices.reduce(0) { $0 + $1.1 })
        for (value, weight) in choices {
            if pick < weight { return value }
            pick -= weight
        }
        return choices[choices.count - 1].0
    }

    // Family names by approximate share of the population (Nguyễn ~38 %).
    static let families: [(String, Int)] = [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 50), ("Huỳnh", 30), ("Phan", 45), ("Vũ", 40),
        ("Võ", 30), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8),
        ("Trương", 8), ("Đoàn", 6), ("Lương", 5), ("Mai", 4), ("Tạ", 3), ("Cao", 4), ("Lâm", 4),
    ]
    static let middles: [(String, Int)] = [("Thị", 80), ("Ngọc", 6), ("Thu", 4), ("Thanh", 4), ("Kim", 3), ("Minh", 3)]
    static let givens = [
        "Hoa", "Hoà", "Lan", "Mai", "Hương", "Hằng", "Hạnh", "Huệ", "Linh", "Loan", "Ngọc", "Nga", "Nhung", "Oanh", "Phương",
        "Quỳnh", "Thảo", "Thuỷ", "Trang", "Tuyết", "Vân", "Yến", "Xuân", "Dung", "Duyên", "Giang", "Hà", "Thu Hà", "Bích Ngọc",
        "Kim Anh", "Mỹ Duyên", "Thanh Tâm", "Diệu Linh", "Phương Thảo", "Ánh", "Bình", "Chi", "Diễm", "Đào", "Hiền", "Khánh",
        "Lệ", "Liên", "Mơ", "My", "Nhàn", "Nhi", "Quyên", "Sương", "Tâm", "Thắm", "Thơ", "Trinh", "Uyên", "Vy",
    ]
    static let destinations: [(String, Int)] = [
        ("KR", 34), ("TW", 26), ("JP", 14), ("CN", 12), ("MY", 4), ("SG", 2), ("DE", 2), ("US", 2), ("AU", 1), ("LA", 1), ("KH", 1), ("SA", 1),
    ]
    // Sending provinces (current codes) weighted towards the Red River and Mekong deltas.
    static let provinces: [(String, Int)] = [
        ("01", 8), ("31", 14), ("33", 9), ("37", 6), ("38", 5), ("40", 7), ("42", 5), ("92", 12), ("82", 6), ("86", 6), ("96", 4),
        ("79", 6), ("48", 3), ("56", 3), ("91", 3), ("22", 2), ("25", 2), ("44", 2),
    ]
    static let migrations: [(String, Int)] = [("marriage", 45), ("labour", 40), ("trafficked", 6), ("study", 4), ("other", 5)]
    static let needs: [(String, Int)] = [
        ("legal-counselling", 20), ("divorce-recognition", 12), ("child-birth-registration", 9), ("child-nationality", 6),
        ("identity-documents", 10), ("household-registration", 6), ("health", 6), ("psychosocial", 8), ("shelter", 3),
        ("vocational-training", 6), ("employment", 8), ("livelihood-loan", 4), ("gbv-protection", 3), ("trafficking-identification", 2),
        ("safe-remigration", 3), ("family-counselling", 4),
    ]

    mutating func name() -> String {
        "\(weighted(Self.families)) \(weighted(Self.middles)) \(Self.givens[below(Self.givens.count)])"
    }

    mutating func phone() -> String {
        let prefix = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "033", "035", "037", "039", "070", "077", "081", "083"]
        return prefix[below(prefix.count)] + String(format: "%07d", below(10_000_000))
    }

    mutating func passport() -> String {
        ["C", "N", "B"][below(3)] + String(format: "%07d", below(10_000_000))
    }

    /// One CSV row in the `case import` format (same header as `Self.csvHeader`).
    mutating func csvRow(openedYear: Int) -> String {
        let needCount = 1 + below(3)
        var chosen: [String] = []
        while chosen.count < needCount {
            let need = weighted(Self.needs)
            if !chosen.contains(need) { chosen.append(need) }
        }
        let opened = String(format: "%04d-%02d-%02d", openedYear - below(8), 1 + below(12), 1 + below(28))
        let fields = [
            below(10) < 7 ? "returnee" : "marriage", name(), String(1960 + below(45)), phone(), passport(),
            weighted(Self.provinces), weighted(Self.destinations), weighted(Self.migrations), chosen.joined(separator: ";"),
            ["low", "medium", "high"][weighted([(0, 6), (1, 3), (2, 1)])], opened,
            "Ghi chú tư vấn số \(below(1_000_000)): đã hẹn gặp lại sau hai tuần.",
        ]
        return fields.joined(separator: ",")
    }

    static let csvHeader = "programme,name,birth-year,phone,passport,origin-province,destination,migration,need,risk,opened-on,note"
}
