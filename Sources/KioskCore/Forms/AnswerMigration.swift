/// Moves a draft's answers from the form version it was started with to the
/// current one, field by field: by the same field id where the type is the
/// same, else by the same semantic key. What cannot move is listed, with
/// why, for the person to see — never dropped silently.
public struct AnswerMigration: Sendable, Equatable {
    public struct Moved: Sendable, Equatable {
        public var from: String
        public var to: String
        public var raw: String
    }

    public struct NotMoved: Sendable, Equatable {
        public var name: String
        public var raw: String
        /// The field's label in the old form, for the person.
        public var label: LocalizedText
        public var reason: LocalizedText
    }

    public var moved: [Moved] = []
    public var notMoved: [NotMoved] = []

    /// The answers as the new form names them.
    public var answers: [(name: String, raw: String)] { moved.map { ($0.to, $0.raw) } }

    public init(answers: [(name: String, raw: String)], from old: FormDefinition, to new: FormDefinition) {
        // Answers that keep their field id claim it first; an answer moving
        // by semantic key may not overwrite one of them.
        var claimed: Set<String> = []
        for (name, _) in answers {
            let id = name.firstIndex(of: "[").map { String(name[..<$0]) } ?? name
            if let o = old.field(id), let n = new.field(id), o.type == n.type, n.isEditable { claimed.insert(name) }
        }
        for (name, raw) in answers {
            var id = name
            var suffix = ""
            if let open = name.firstIndex(of: "[") {
                id = String(name[..<open])
                suffix = String(name[open...])
            }
            guard let oldField = old.field(id) else {
                notMoved.append(NotMoved(name: name, raw: raw, label: LocalizedText(name),
                                         reason: LocalizedText(vi: "không có trong biểu mẫu cũ", en: "not in the old form")))
                continue
            }
            // The same type, and as many groups around it (`[2][3]` needs a group inside a group).
            func compatible(_ f: FieldDefinition) -> Bool {
                f.type == oldField.type && f.isEditable && new.depth(of: f.index) == old.depth(of: oldField.index)
            }
            var target: FieldDefinition? = new.field(id).flatMap { compatible($0) ? $0 : nil }
            if target == nil, let key = oldField.key {
                let candidates = new.fields(withKey: key).filter(compatible)
                if candidates.count == 1 { target = candidates[0] }
            }
            guard let target else {
                var reason = new.field(id) != nil
                    ? LocalizedText(vi: "trường đã đổi kiểu trong biểu mẫu mới", en: "the field changed type in the new form")
                    : LocalizedText(vi: "biểu mẫu mới không còn trường này", en: "the new form no longer has this field")
                if let n = new.field(id), n.type == oldField.type, new.depth(of: n.index) != old.depth(of: oldField.index) {
                    reason = LocalizedText(vi: "trường đã chuyển vào hoặc ra khỏi một nhóm lặp lại trong biểu mẫu mới",
                                           en: "the field moved into or out of a repeat group in the new form")
                }
                notMoved.append(NotMoved(name: name, raw: raw, label: oldField.label, reason: reason))
                continue
            }
            // A choice the old form offered and the new one no longer does
            // (a relationship that cannot register a birth): listed, not
            // carried into a list that cannot show it.
            if target.type == .choice || target.type == .multichoice,
               FieldValueParser.problem(with: raw, for: oldField, datasets: old.datasets) == nil,
               FieldValueParser.problem(with: raw, for: target, datasets: new.datasets) != nil {
                notMoved.append(NotMoved(name: name, raw: raw, label: oldField.label,
                                         reason: LocalizedText(vi: "lựa chọn này không còn trong biểu mẫu mới", en: "this choice is no longer offered")))
                continue
            }
            let to = target.id + suffix
            if to != name && claimed.contains(to) {
                notMoved.append(NotMoved(name: name, raw: raw, label: oldField.label,
                                         reason: LocalizedText(vi: "một câu trả lời khác đã điền trường này", en: "another answer already fills this field")))
                continue
            }
            // An item beyond what the new group allows (outer, then inner) has nowhere to go.
            let indices = FormState.indices(answerName: name)?.indices ?? []
            let limits: [Int] = target.group.map { g in new.fields[g].group.map { [new.fields[$0].maxCount, new.fields[g].maxCount] } ?? [new.fields[g].maxCount] } ?? []
            if zip(indices, limits).contains(where: { $0 > $1 }) {
                notMoved.append(NotMoved(name: name, raw: raw, label: oldField.label,
                                         reason: LocalizedText(vi: "nhóm trong biểu mẫu mới có ít mục hơn", en: "the group allows fewer items in the new form")))
                continue
            }
            claimed.insert(to)
            moved.append(Moved(from: name, to: to, raw: raw))
        }
    }
}
