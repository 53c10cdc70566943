import Foundation

/// One row of a dataset: an administrative unit, an ethnic group, a country…
public struct DatasetRow: Sendable, Hashable {
    public var code: String
    public var name: String
    public var nameEN: String
    public var parent: String
    public var aliases: [String]
    /// The file's other columns by header name (`type`, `note`, `kind`).
    public var extra: [String: String]
    /// The line of the file it was read from (0 when made in code).
    public var line: Int
    public init(code: String, name: String, nameEN: String = "", parent: String = "", aliases: [String] = [],
                extra: [String: String] = [:], line: Int = 0) {
        self.code = code
        self.name = name
        self.nameEN = nameEN
        self.parent = parent
        self.aliases = aliases
        self.extra = extra
        self.line = line
    }

    public func label(_ language: Language) -> String {
        language == .en && !nameEN.isEmpty ? nameEN : name
    }

    /// A column by its header name (`code`, `name`, `parent`, `level`, …);
    /// nil when the row has no such column.
    public func column(_ name: String) -> String? {
        switch name {
        case "code": return code
        case "name": return self.name
        case "name_en": return nameEN
        case "parent": return parent
        case "aliases": return aliases.joined(separator: "; ")
        default: return extra[name]
        }
    }
}

/// What a search compares a row with, folded (no case, no marks).
struct RowSearchKeys: Sendable {
    /// Name, English name, code and aliases together.
    let all: String
    /// Each alone: the name, the name after its `type` ("Xuân Trường" of
    /// "Phường Xuân Trường"), the English name, the code, then the aliases
    /// (from `aliasStart` on).
    let ranked: [String]
    let aliasStart: Int

    init(_ row: DatasetRow) {
        all = VietnameseText.fold(([row.name, row.nameEN, row.code] + row.aliases).joined(separator: " | "))
        let type = row.extra["type"] ?? ""
        let untyped = !type.isEmpty && row.name.hasPrefix(type + " ") ? String(row.name.dropFirst(type.count + 1)) : ""
        let own = [row.name, untyped, row.nameEN, row.code].filter { !$0.isEmpty }
        ranked = (own + row.aliases).map(VietnameseText.fold)
        aliasStart = own.count
    }
}

/// Values made once on first use and kept, by key, for any thread.
final class MadeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Any] = [:]

    /// Made outside the lock (one value may be made from another: the
    /// old-address index reads its reference table); two threads making the
    /// same value at once keep the first one stored.
    func value<T>(_ key: String, _ make: () -> T) -> T {
        if let v: T = stored(key) { return v }
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if let stored = values[key], let v = stored as? T { return v }
        values[key] = made
        return made
    }

    /// Bound first, then cast: a made value may itself be nil (a missing
    /// table), and `nil as? T?` would pass for one never made.
    private func stored<T>(_ key: String) -> T? {
        lock.lock()
        defer { lock.unlock() }
        guard let stored = values[key] else { return nil }
        return stored as? T
    }
}

/// A dataset's search keys, made on its first search rather than when the
/// kiosk starts: folding every row of every dataset is most of what loading
/// the datasets would cost, and most datasets are never searched in a day.
final class DatasetSearchIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [RowSearchKeys]?

    func keys(_ rows: [DatasetRow]) -> [RowSearchKeys] {
        lock.lock()
        defer { lock.unlock() }
        if let keys { return keys }
        let made = rows.map(RowSearchKeys.init)
        keys = made
        return made
    }
}

/// A code list from `Forms/datasets/NAME.csv`.
public struct Dataset: Sendable {
    public let name: String
    public let rows: [DatasetRow]
    /// The file's column names (what `lookup` and `row()` may read).
    public let columns: Set<String>
    private let indexByCode: [String: Int]
    private let rowsByParent: [String: [Int]]
    private let searchIndex = DatasetSearchIndex()

    /// `columns`: the header's names; by default those the rows have.
    public init(name: String, rows: [DatasetRow], columns: Set<String>? = nil) {
        self.name = name
        self.rows = rows
        self.columns = columns ?? Set(["code", "name", "name_en", "parent", "aliases"] + rows.flatMap { $0.extra.keys })
        var byCode: [String: Int] = [:]
        var byParent: [String: [Int]] = [:]
        for (i, row) in rows.enumerated() {
            byCode[row.code] = i
            if !row.parent.isEmpty { byParent[row.parent, default: []].append(i) }
        }
        self.indexByCode = byCode
        self.rowsByParent = byParent
    }

    public func row(code: String) -> DatasetRow? {
        indexByCode[code].map { rows[$0] }
    }

    /// Whether any row has a `parent` (what a choice's `filter` compares).
    public var hasParents: Bool { !rowsByParent.isEmpty }

    /// Whether some row has this parent.
    public func hasRows(parent: String) -> Bool { rowsByParent[parent] != nil }

    /// Rows whose parent is `parent` (nil: all rows).
    public func rows(parent: String?) -> [DatasetRow] {
        guard let parent else { return rows }
        return (rowsByParent[parent] ?? []).map { rows[$0] }
    }

    /// Rows matching a typed query, ignoring case and diacritics ("ha noi",
    /// "HÀ NỘI" and the alias "Sài Gòn" all work), best first: the query's
    /// words in order at the start of the name or an alias, then in order
    /// further on, then each word the start of some word, then anywhere
    /// (`VietnameseText.matchRank`); ties by the shorter name, then the
    /// file's order. With `codesFirst` (a list shown with its codes), rows
    /// whose code starts with the query come before all others: "47" finds
    /// 4711 before a name that holds "47".
    public func search(_ query: String, parent: String? = nil, codesFirst: Bool = false) -> [DatasetRow] {
        searchMatches(query, parent: parent, codesFirst: codesFirst).map(\.row)
    }

    /// `search`, with the alias a row was found by when its own names do not
    /// match ("Bình Dương (cũ)" for Thành phố Hồ Chí Minh).
    public func searchMatches(_ query: String, parent: String? = nil, codesFirst: Bool = false) -> [(row: DatasetRow, alias: String?)] {
        let candidates = parent.map { rowsByParent[$0] ?? [] } ?? Array(rows.indices)
        let q = VietnameseText.fold(query)
        if q.isEmpty { return candidates.map { (rows[$0], nil) } }
        let keys = searchIndex.keys(rows)
        let code = query.trimmingCharacters(in: .whitespaces)
        var found: [(rank: Int, length: Int, order: Int, row: DatasetRow, alias: String?)] = []
        for (order, index) in candidates.enumerated() {
            let row = rows[index], key = keys[index]
            if codesFirst && row.code.hasPrefix(code) { found.append((-1, 0, order, row, nil)); continue }
            var best: (rank: Int, key: Int)?
            for (k, ranked) in key.ranked.enumerated() {
                if let r = VietnameseText.matchRank(ranked, foldedQuery: q), r < (best?.rank ?? 4) { best = (r, k) }
            }
            // Words spread over the name and an alias still count, last.
            if best == nil || best!.rank > 2, let r = VietnameseText.matchRank(key.all, foldedQuery: q), r < (best?.rank ?? 4) {
                best = (max(r, 2), 0)
            }
            guard let best else { continue }
            // An alias is shown only when the row's own names do not match.
            let ownMatch = key.ranked.prefix(key.aliasStart).contains { VietnameseText.matchRank($0, foldedQuery: q) != nil }
            let alias = best.key >= key.aliasStart && !ownMatch ? row.aliases[best.key - key.aliasStart] : nil
            found.append((best.rank, row.name.count, order, row, alias))
        }
        found.sort { ($0.rank, $0.length, $0.order) < ($1.rank, $1.length, $1.order) }
        return found.map { ($0.row, $0.alias) }
    }
}

/// All datasets of a forms folder, by name.
public final class DatasetCatalog: Sendable {
    public let datasets: [String: Dataset]
    /// The folder they were read from: its `reference/` tables (the kiosk's
    /// own, not offered by forms) are read when first needed.
    public let directory: String?
    private let once = MadeOnce()

    public init(datasets: [String: Dataset], directory: String? = nil) {
        self.datasets = datasets
        self.directory = directory
    }

    public subscript(name: String) -> Dataset? { datasets[name] }

    /// A table of `reference/` (`communes-before-2025`), read on first use:
    /// the kiosk's own look-ups, too large to read at every start for the
    /// few dossiers that need them. Nil when it is missing; its problems are
    /// reported by `checkReferences`.
    public func reference(_ name: String) -> Dataset? {
        once.value("reference:" + name) { () -> Dataset? in
            guard let directory, let data = FileManager.default.contents(atPath: directory + "/reference/\(name).csv") else { return nil }
            return Self.parseCSV(Array(data), name: name, file: directory + "/reference/\(name).csv").0
        }
    }

    /// Something made from the datasets once, on first use, and kept (an
    /// index over a reference table).
    public func made<T>(_ key: String, _ make: () -> T) -> T {
        once.value(key, make)
    }

    /// The problems of every table of `directory/reference/` (for `kiosk forms check`).
    public static func checkReferences(directory: String) -> [FormDiagnostic] {
        let folder = (directory as NSString).appendingPathComponent("reference")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.sorted().filter { $0.hasSuffix(".csv") }.flatMap { file -> [FormDiagnostic] in
            let path = (folder as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                return [.error(path, SourceLocation(line: 1, column: 1), "không đọc được tệp", "cannot read the file")]
            }
            return parseCSV(Array(data), name: String(file.dropLast(4)), file: path).1
        }
    }

    /// Reads every `*.csv` of `directory`. Problems are reported, never fatal:
    /// a dataset with errors is still loaded with its good rows, and the forms
    /// check fails on the errors.
    public static func load(directory: String) -> (DatasetCatalog, [FormDiagnostic]) {
        var result: [String: Dataset] = [:]
        var diagnostics: [FormDiagnostic] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files.sorted() where file.hasSuffix(".csv") {
            let path = (directory as NSString).appendingPathComponent(file)
            let name = String(file.dropLast(4))
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(.error(path, SourceLocation(line: 1, column: 1), "không đọc được tệp", "cannot read the file"))
                continue
            }
            let (dataset, problems) = parseCSV(Array(data), name: name, file: path)
            diagnostics += problems
            result[name] = dataset
        }
        return (DatasetCatalog(datasets: result, directory: directory), diagnostics)
    }

    /// Parses one dataset file (RFC 4180 CSV, `#` comment lines, header first).
    public static func parseCSV(_ bytes: [UInt8], name: String, file: String) -> (Dataset, [FormDiagnostic]) {
        var diagnostics: [FormDiagnostic] = []
        if let bad = SourceLocation.firstInvalidUTF8(in: bytes) {
            return (Dataset(name: name, rows: []), [.error(file, bad,
                "tệp không phải UTF-8 (hãy lưu dạng CSV UTF-8)", "the file is not UTF-8 (save it as CSV UTF-8)")])
        }
        // Works on the UTF-8 bytes (the file was validated above): the
        // separators are ASCII, so no multi-byte letter can be split.
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var atRecordStart = true
        var comment = false
        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
            atRecordStart = true
        }
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if atRecordStart {
                recordLine = line
                atRecordStart = false
                comment = (c == UInt8(ascii: "#"))
            }
            if comment {
                if c == 0x0A { line += 1; atRecordStart = true }
                continue
            }
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i < bytes.count, bytes[i] == UInt8(ascii: "\"") { field.append(c); i += 1 } else { inQuotes = false }
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\"") where field.isEmpty: inQuotes = true
            case UInt8(ascii: ","): fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true)
            case 0x0D: break
            case 0x0A: endRecord(); line += 1
            default: field.append(c)
            }
        }
        if inQuotes {
            diagnostics.append(.error(file, SourceLocation(line: recordLine, column: 1), "dấu ngoặc kép không được đóng", "a quoted value is never closed"))
        }
        if !atRecordStart || !fields.isEmpty || !field.isEmpty { endRecord() }

        guard let header = records.first else {
            return (Dataset(name: name, rows: []), [.error(file, SourceLocation(line: 1, column: 1), "tệp trống; cần dòng tiêu đề code,name", "empty file; expected a header line code,name")])
        }
        let columns = header.fields.map { $0.trimmed.lowercased() }
        guard let codeCol = columns.firstIndex(of: "code"), let nameCol = columns.firstIndex(of: "name") else {
            return (Dataset(name: name, rows: []), [.error(file, SourceLocation(line: header.line, column: 1), "dòng tiêu đề phải có cột code và name", "the header must have the columns code and name")])
        }
        let enCol = columns.firstIndex(of: "name_en")
        let parentCol = columns.firstIndex(of: "parent")
        let aliasCol = columns.firstIndex(of: "aliases")
        var rows: [DatasetRow] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            let f = record.fields
            guard f.count == columns.count else {
                diagnostics.append(.error(file, SourceLocation(line: record.line, column: 1),
                    "dòng có \(f.count) cột, tiêu đề có \(columns.count)", "the line has \(f.count) columns, the header \(columns.count)"))
                continue
            }
            let code = f[codeCol].trimmed
            let rowName = VietnameseText.normalize(f[nameCol].trimmed)
            if code.isEmpty || rowName.isEmpty {
                diagnostics.append(.error(file, SourceLocation(line: record.line, column: 1), "thiếu code hoặc name", "code or name is empty"))
                continue
            }
            if let first = seen[code] {
                diagnostics.append(.error(file, SourceLocation(line: record.line, column: 1),
                    "mã \(code) trùng với dòng \(first)", "code \(code) repeats line \(first)"))
                continue
            }
            seen[code] = record.line
            let aliases = aliasCol.map { f[$0].split(separator: ";").map { VietnameseText.normalize($0.trimmed) }.filter { !$0.isEmpty } } ?? []
            var extra: [String: String] = [:]
            for (i, column) in columns.enumerated() where ![codeCol, nameCol, enCol, parentCol, aliasCol].contains(i) {
                extra[column] = VietnameseText.normalize(f[i].trimmed)
            }
            rows.append(DatasetRow(code: code, name: rowName,
                                   nameEN: enCol.map { f[$0].trimmed } ?? "",
                                   parent: parentCol.map { f[$0].trimmed } ?? "",
                                   aliases: aliases, extra: extra, line: record.line))
        }
        return (Dataset(name: name, rows: rows, columns: Set(columns)), diagnostics)
    }
}
