/// Reads answers given as a JSON object — for batch entry and scripts
/// (`kiosk fill`) — into the form's answer names. Keys are field ids
/// (`child_full_name`), item names (`member_name[2]`) or semantic keys
/// (`child.full_name`); a repeat group takes a list of objects, one per item,
/// and a group inside a group a list of objects inside its outer item's
/// object (or `line_code[2][3]`: outer item 2, inner item 3).
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

        /// The items of group `f`, a list of objects, inside the items
        /// `outer` (the outer item's number, for a group inside a group).
        func readItems(_ f: FieldDefinition, _ value: SourceJSON, outer: Int?) {
            guard case .array(let items, _) = value else {
                problem(value.location, "nhóm \(f.id) cần một danh sách […] các mục", "group \(f.id) needs a list […] of items")
                return
            }
            for (i, item) in items.enumerated() {
                guard case .object(let fields, _) = item else {
                    problem(item.location, "mỗi mục của nhóm \(f.id) là một đối tượng {…}", "each item of group \(f.id) is an object {…}")
                    continue
                }
                let suffix = (outer.map { "[\($0)]" } ?? "") + "[\(i + 1)]"
                for child in fields {
                    guard let c = field(for: child.key, in: f.index) else {
                        problem(child.keyLocation, "nhóm \(f.id) không có trường “\(child.key)”", "group \(f.id) has no field “\(child.key)”")
                        continue
                    }
                    if c.type == .repeat {
                        // A group inside the item: its own list of objects.
                        readItems(c, child.value, outer: i + 1)
                    } else if let r = raw(child.value, for: c) {
                        answers.append(("\(c.id)\(suffix)", r))
                    }
                }
            }
        }

        for m in members {
            if let open = m.key.firstIndex(of: "["), let f = form.field(String(m.key[..<open])), f.group != nil {
                // `member_phone[2]`, `line_code[2][3]`: one index per group around the field.
                let depth = form.depth(of: f.index)
                guard let (_, indices) = FormState.indices(answerName: m.key), indices.count == depth else {
                    let example = depth == 1 ? "\(f.id)[2]" : "\(f.id)[2][3]"
                    problem(m.keyLocation, "“\(m.key)”: viết \(example) (số thứ tự của mục, từ 1\(depth == 2 ? ": mục của nhóm ngoài rồi mục của nhóm trong" : ""))",
                            "“\(m.key)”: write \(example) (the item's number, from 1\(depth == 2 ? ": the outer group's item, then the inner group's" : ""))")
                    continue
                }
                if let r = raw(m.value, for: f) { answers.append((m.key, r)) }
                continue
            }
            guard let f = field(for: m.key, in: nil) else {
                problem(m.keyLocation, "không có trường “\(m.key)” trong biểu mẫu \(form.id)", "no field “\(m.key)” in form \(form.id)")
                continue
            }
            if f.type == .repeat {
                readItems(f, m.value, outer: nil)
                continue
            }
            if let r = raw(m.value, for: f) { answers.append((f.id, r)) }
        }
        return (answers, problems)
    }
}
