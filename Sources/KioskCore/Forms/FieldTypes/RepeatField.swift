/// `repeat`: a group of `fields` filled once per item (household members),
/// `min_count` (0 to 1000, default 0) to `max_count` (1 to 1000, default 20)
/// items, each titled by `item_label` (`{n}` its number). It holds no answer
/// of its own; expressions see how many items it has. Its `constraints`
/// check the group as a whole (`count_if(lines, line_is_main) = 1`, `.` the
/// number of items), once it has an item. A group may hold groups of its
/// own (the locations of each household business), one level deep: a group
/// inside a group inside a group is refused. An inner group's `item_label`
/// may use `{m}`, the number of the outer item it belongs to.
enum RepeatField: FieldTypeRules {
    static let attributes: Set<String> = ["fields", "min_count", "max_count", "item_label"]
    /// A group may have a semantic `key` and checks, nothing else about an answer.
    static let refusedKeys = ["required", "default", "compute", "read_only"]
    static let holdsAnswer = false

    /// Read by name, a group is its number of items.
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType { .number }

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {
        let m = source.members, index = source.index, loc = source.location
        if let g = source.group, let outer = loader.fields[g].group {
            let (o, i) = (loader.fields[outer].id, loader.fields[g].id)
            loader.error(loc, "nhóm lặp lại chỉ lồng được một cấp: nhóm này nằm trong “\(i)”, mà “\(i)” đã nằm trong “\(o)”",
                         "repeat groups nest only one level deep: this group is inside “\(i)”, which is itself inside “\(o)”")
            return
        }
        loader.fields[index].minCount = Int(loader.number(m["min_count"], "min_count", integer: true, range: 0...1000) ?? 0)
        loader.fields[index].maxCount = Int(loader.number(m["max_count"], "max_count", integer: true, range: 1...1000) ?? 20)
        if loader.fields[index].minCount > loader.fields[index].maxCount {
            loader.error(m["min_count"]!.location, "“min_count” lớn hơn “max_count”", "“min_count” is larger than “max_count”")
        }
        loader.fields[index].itemLabel = loader.text(m["item_label"], "item_label", at: loc, required: false)
        if source.group == nil, let label = loader.fields[index].itemLabel, label.vi.contains("{m}") || label.en.contains("{m}") {
            loader.error(m["item_label"]!.location, "“{m}” (số của mục ngoài) chỉ dùng trong nhóm nằm trong một nhóm khác",
                         "“{m}” (the outer item's number) is only for a group inside another group")
        }
        let children = loader.array(m["fields"], "fields", at: loc, required: true) ?? []
        if children.isEmpty { loader.error(loc, "nhóm lặp lại cần ít nhất một trường", "a repeat group needs at least one field") }
        for c in children { _ = loader.readField(c, page: source.page, group: index) }
    }

    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        (.null, nil)
    }

    /// Too few items.
    static func countIssues(_ group: FieldDefinition, count n: Int) -> [LocalizedText] {
        guard n < group.minCount else { return [] }
        return [LocalizedText(vi: "Cần ít nhất \(group.minCount) mục (đang có \(n)).", en: "At least \(group.minCount) item(s) are needed (now \(n)).")]
    }
}
