import Foundation

/// What an old address becomes in today's units, before the person sees it
/// (issue 17): nothing to convert, one 2025 commune, or a choice to put to
/// the person (a divided old commune, or words that name several).
public enum OldAddressConversion: Sendable, Equatable {
    /// No old commune named: the text kept whole as the detail line.
    case keptWhole(String)
    /// Already in today's units (`CurrentAddress`): the answer as read.
    case inTodaysUnits(String)
    /// One old commune that became one 2025 commune.
    case converted(OldAddressReading)
    /// A divided old commune (its 2025 communes, the table's default
    /// first), or several old communes named (each one's 2025 communes):
    /// the person picks before anything is taken.
    case choose(OldAddressChoice)

    /// The answer to write before the person has chosen: the conversion when
    /// there is one answer, else the text kept whole.
    public var provisional: String {
        switch self {
        case .keptWhole(let raw), .inTodaysUnits(let raw): return raw
        case .converted(let r): return r.raw
        case .choose(let c): return c.keptWhole
        }
    }
}

/// The 2025 communes an old address may be today, for the person to pick
/// one of (a small chooser on screen), or keep the address as written.
public struct OldAddressChoice: Sendable, Equatable {
    /// The address as written (street part, old commune, district, province).
    public var written: String
    public var options: [Option]
    /// One old commune named, divided in 2025: the first option is the
    /// table's default (the one proposed). False when the words named
    /// several old communes (nothing to propose).
    public var proposesFirst: Bool

    public struct Option: Sendable, Equatable {
        /// The answer of the `address` field: `PROVINCE|COMMUNE|street`.
        public var raw: String
        /// Today's commune and province, by name.
        public var communeName: String
        public var provinceName: String
        /// The old commune and district the option comes from.
        public var oldCommuneName: String
        public var oldDistrictName: String
    }

    /// The address kept as written (today's province and commune left to choose).
    public var keptWhole: String { OldAddress.keptWhole(written) }
}

extension OldAddress {
    /// `text` as the detail line of an `address` answer, without units.
    public static func keptWhole(_ text: String) -> String { "||" + text.replacingOccurrences(of: "|", with: "/") }

    /// What `text` becomes in today's units (see `OldAddressConversion`).
    public static func convert(_ text: String, datasets: DatasetCatalog) -> OldAddressConversion {
        let readings = read(text, datasets: datasets)
        if readings.count == 1, !readings[0].isDivided { return .converted(readings[0]) }
        let communes = datasets["communes-2025"], provinces = datasets["provinces-2025"]
        var options: [OldAddressChoice.Option] = []
        for r in readings {
            for code in r.communes {
                // A divided commune's parts lie in one province today, but
                // each one's province is read, not assumed.
                guard let row = communes?.row(code: code) else { continue }
                let street = r.street.replacingOccurrences(of: "|", with: "/")
                // Two old communes that became the same one: offered once.
                guard !options.contains(where: { $0.raw == "\(row.parent)|\(code)|\(street)" }) else { continue }
                options.append(.init(raw: "\(row.parent)|\(code)|\(street)", communeName: row.name,
                                     provinceName: provinces?.row(code: row.parent)?.name ?? row.parent,
                                     oldCommuneName: r.oldCommuneName, oldDistrictName: r.oldDistrictName))
            }
        }
        guard !options.isEmpty else { return .keptWhole(keptWhole(text)) }
        return .choose(OldAddressChoice(written: text, options: options, proposesFirst: readings.count == 1))
    }
}
