/// A synthetic form far larger than any real procedure, for the benchmark and
/// the tests: `fields` fields over pages of 100, `conditions` visibility
/// conditions, `computed` computed values (some in chains), and a repeat
/// group whose fields read top-level answers and feed top-level totals.
public enum StressForm {
    public static func json(fields total: Int = 2000, conditions: Int = 500, computed: Int = 300, groupFields: Int = 10) -> String {
        var pages: [[String]] = [[]]
        var numbers: [String] = []     // integer fields typed by people
        var computedIDs: [String] = []
        var conditionsLeft = conditions
        var computedLeft = computed
        let topLevel = total - groupFields - 2
        for i in 0..<topLevel {
            if pages[pages.count - 1].count == 100 { pages.append([]) }
            let id = "f\(i)"
            var field: String
            // Every fourth field is a typed integer; conditions and computed
            // values are spread evenly over the rest.
            if i % 4 == 0 || numbers.count < 4 {
                field = "{ \"id\": \"\(id)\", \"type\": \"integer\", \"label\": \"Số \(i)\""
                numbers.append(id)
            } else if computedLeft > 0 && i % 4 == 1 {
                let a = numbers[(i * 7) % numbers.count], b = numbers[(i * 13) % numbers.count]
                // Every third computed value reads the previous one: chains.
                let expr = computedIDs.count % 3 == 2 ? "\(computedIDs.last!) + \(a)" : "\(a) * 2 + \(b)"
                field = "{ \"id\": \"\(id)\", \"type\": \"integer\", \"label\": \"Tính \(i)\", \"compute\": \"\(expr)\""
                computedIDs.append(id)
                computedLeft -= 1
            } else {
                field = "{ \"id\": \"\(id)\", \"type\": \"text\", \"label\": \"Văn bản \(i)\""
                if conditionsLeft > 0 && (i % 4 == 2 || i % 4 == 3) {
                    let a = numbers[(i * 11) % numbers.count]
                    let b = computedIDs.isEmpty ? numbers[0] : computedIDs[(i * 3) % computedIDs.count]
                    field += ", \"visible_if\": \"\(a) > 10 or \(b) < 5\", \"required\": \"\(a) > 20\""
                    conditionsLeft -= 1
                }
            }
            pages[pages.count - 1].append(field + " }")
        }
        // The repeat group: each item reads a top-level number; totals read the group.
        var children: [String] = []
        for j in 0..<groupFields {
            switch j {
            case 0: children.append("{ \"id\": \"g_amount\", \"type\": \"integer\", \"label\": \"Số tiền\" }")
            case 1: children.append("{ \"id\": \"g_double\", \"type\": \"integer\", \"label\": \"Gấp đôi\", \"compute\": \"g_amount * 2 + \(numbers[1])\" }")
            case 2: children.append("{ \"id\": \"g_note\", \"type\": \"text\", \"label\": \"Ghi chú\", \"visible_if\": \"g_amount > 100 or \(numbers[2]) > 5\" }")
            default: children.append("{ \"id\": \"g_text\(j)\", \"type\": \"text\", \"label\": \"Mục \(j)\" }")
            }
        }
        pages.append([
            "{ \"id\": \"group\", \"type\": \"repeat\", \"label\": \"Nhóm\", \"max_count\": 1000, \"fields\": [\(children.joined(separator: ",\n"))] }",
        ])
        pages[pages.count - 1].append("{ \"id\": \"total\", \"type\": \"integer\", \"label\": \"Tổng\", \"compute\": \"sum(g_amount) + count(group)\" }")
        let pageJSON = pages.enumerated().map { (n, fields) in
            "{ \"id\": \"p\(n)\", \"title\": \"Trang \(n)\", \"fields\": [\n\(fields.joined(separator: ",\n"))\n] }"
        }
        return """
        {
          "format": 1, "id": "stress", "version": "1",
          "procedure": { "code": "9.999999", "title": "Biểu mẫu thử tải", "domain": { "code": "X", "name": "Thử" },
                         "level": "partial", "fee": { "amount": 0 }, "processing_days": 1, "delivery": ["desk"] },
          "pages": [\n\(pageJSON.joined(separator: ",\n"))\n]
        }
        """
    }
}
