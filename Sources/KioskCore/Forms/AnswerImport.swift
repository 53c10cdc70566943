/// Reads answers given as a JSON object — for batch entry and scripts
/// (`kiosk fill`) — into the form's answer names. Keys are field ids
/// (`child_full_name`), item names (`member_name[2]`) or semantic keys
/// (`child.full_name`); a repeat group takes a list of objects, one per item.
/// Values are texts, numbers, true/false, a list of texts for a multichoice,
/// or `{ "province", "commune", "detail" }` for an address.
public enum AnswerImport {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var location: SourceLocation
        public var message: LocalizedText
        public var description: String { "\(location): \(message.en)" }
    }

    public static func read(_ bytes: [UInt8], for form: FormDefinition) -> (answers: [(name: String, raw: String)], problems: [Problem]) {
        let root: SourceJSON
        do {
            root = try SourceJSONParser.parse(bytes)
        } catch {
            return ([], [Problem(location: error.location, message: LocalizedText(vi: "JSON sai: \(error.localized.vi)", en: "invalid JSON: \(error.localized.en)"))])
        }
        guard case .object(let members, _) = root else {
            return ([], [Problem(location: root.location, message: LocalizedText(vi: "cần một đối tượng {…}", en: "expected an object {…}"))])
        }
        var answers: [(name: String, raw: String)] = []
        var problems: [Problem] = []
        func problem(_ at: SourceLocation, _ vi: String, _ en: String) {
            problems.append(Problem(location: at, message: LocalizedText(vi: vi, en: en)))
        }

        /// A key inside `group` (nil: top level) to a field.
        func field(for key: String, in group: Int?) -> FieldDefinition? {
            if let f = form.field(key), f.group == group { return f }
            let byKey = form.fields(withKey: key).filter { $0.group == group }
            return byKey.count == 1 ? byKey[0] : nil
        }

        func raw(_ value: SourceJSON, for f: FieldDefinition) -> String? {
            switch value {
            case .string(let s, _, _, _): return s
            case .number(let n, _): return ExprValue.format(n)
            case .bool(let b, _): return b ? "yes" : "no"
            case .null: return ""
            case .array(let items, _) where f.type == .multichoice:
                let texts = items.compactMap(\.stringValue)
                guard texts.count == items.count else { break }
                return texts.joined(separator: " ")
            case .object where f.type == .address:
                let parts = ["province", "commune", "detail"].map { value[$0]?.stringValue ?? "" }
                return parts.joined(separator: "|")
            default: break
            }
            problem(value.location, "giá trị không hợp với trường \(f.id) (\(f.type.rawValue))", "a value that does not fit field \(f.id) (\(f.type.rawValue))")
            return nil
        }

        for m in members {
            if let open = m.key.firstIndex(of: "["), let f = form.field(String(m.key[..<open])), f.group != nil {
                if let r = raw(m.value, for: f) { answers.append((m.key, r)) }
                continue
            }
            guard let f = field(for: m.key, in: nil) else {
                problem(m.keyLocation, "không có trường “\(m.key)” trong biểu mẫu \(form.id)", "no field “\(m.key)” in form \(form.id)")
                continue
            }
            if f.type == .repeat {
                guard case .array(let items, _) = m.value else {
                    problem(m.value.location, "nhóm \(f.id) cần một danh sách […] các mục", "group \(f.id) needs a list […] of items")
                    continue
                }
                for (i, item) in items.enumerated() {
                    guard case .object(let fields, _) = item else {
                        problem(item.location, "mỗi mục của nhóm \(f.id) là một đối tượng {…}", "each item of group \(f.id) is an object {…}")
                        continue
                    }
                    for child in fields {
                        guard let c = field(for: child.key, in: f.index) else {
                            problem(child.keyLocation, "nhóm \(f.id) không có trường “\(child.key)”", "group \(f.id) has no field “\(child.key)”")
                            continue
                        }
                        if let r = raw(child.value, for: c) { answers.append(("\(c.id)[\(i + 1)]", r)) }
                    }
                }
                continue
            }
            if let r = raw(m.value, for: f) { answers.append((f.id, r)) }
        }
        return (answers, problems)
    }
}
