import XCTest
@testable import KioskCore

final class FormLoaderTests: XCTestCase {
    func testEveryShippedFormAndDatasetIsValid() {
        let catalog = FormCatalog.load(directory: formsDirectory)
        XCTAssertEqual(catalog.errors.map(\.description), [])
        XCTAssertEqual(Set(catalog.forms.map(\.procedure.code)),
                       ["1.001193", "1.000894", "1.000656", "1.004873", "1.004222", "1.004194", "2.000815", "3.000333",
                        "1.001612", "2.000635"])
        for form in catalog.forms {
            XCTAssertFalse(form.procedure.title.en.isEmpty, "\(form.id) has an English title")
            for f in form.fields where f.type != .note {
                XCTAssertFalse(f.label.en.isEmpty || f.label.en == f.label.vi && f.label.vi.contains(where: { !$0.isASCII }),
                               "\(form.id).\(f.id) has an English label")
            }
        }
    }

    func testValidFormLoadsWithStructure() throws {
        let form = try XCTUnwrap(loadForm(formJSON(pages: """
        [
          { "id": "p1", "title": "Một", "fields": [
            { "id": "name", "key": "applicant.full_name", "type": "text", "label": { "vi": "Họ tên", "en": "Name" }, "required": true },
            { "id": "members", "type": "repeat", "label": "Thành viên", "min_count": 1, "max_count": 3, "fields": [
              { "id": "member_name", "key": "member.full_name", "type": "text", "label": "Tên" }
            ] }
          ] },
          { "id": "p2", "title": "Hai", "visible_if": "count(members) > 1", "fields": [
            { "id": "note1", "type": "note", "text": "Ghi chú" }
          ] }
        ]
        """)))
        XCTAssertEqual(form.fields.map(\.id), ["name", "members", "member_name", "note1"])
        XCTAssertEqual(form.field("member_name")?.group, form.fieldIndexByID["members"])
        XCTAssertEqual(form.pages.count, 2)
        XCTAssertEqual(form.fields(withKey: "applicant.full_name").map(\.id), ["name"])
    }

    /// Each broken input gives an error at the right place.
    func testErrorsNameLineAndColumn() {
        func first(_ json: String) -> String? { loadErrors(json).first.map { "\($0.location): \($0.message.en)" } }

        XCTAssertEqual(first("{ \"format\": 1, "), "1:16: invalid JSON: unexpected end of file inside an object opened at 1:1")
        XCTAssertEqual(first("{\n  \"format\": 1,\n}"), "3:1: invalid JSON: a comma before } is not allowed in JSON")
        XCTAssertEqual(first(""), "1:1: invalid JSON: the file is empty; a form is a JSON object")
        XCTAssertEqual(first("[1, 2]"), "1:1: form must be an object {…}, not a list")
        XCTAssertEqual(loadErrors("[1, 2]").first?.message.vi, "biểu mẫu phải là một đối tượng {…}, không phải một danh sách",
                       "each language names the object and the value in its own words")

        let badType = formJSON(fields: "{ \"id\": \"a\", \"type\": \"txet\", \"label\": \"A\" }")
        let e1 = loadErrors(badType)
        XCTAssertEqual(e1.count, 1)
        XCTAssertTrue(e1[0].message.en.contains("unknown field type “txet”; did you mean “text”?"), e1[0].message.en)
        XCTAssertEqual(e1[0].location.line, 15)

        let duplicate = formJSON(fields: textField("a") + ",\n" + textField("a"))
        XCTAssertEqual(loadErrors(duplicate).first?.message.en, "id “a” repeats the field at line 15")
        XCTAssertEqual(loadErrors(duplicate).first?.location.line, 16)

        // The column points inside the expression: `zz` starts 4 scalars after
        // the opening quote of "a + zz".
        let unknownRef = formJSON(fields: textField("a") + ",\n" + textField("b", "\"visible_if\": \"a + zz\""))
        let e2 = loadErrors(unknownRef)
        XCTAssertEqual(e2.count, 1)
        XCTAssertEqual(e2[0].message.en, "no field “zz”")
        let line = unknownRef.split(separator: "\n", omittingEmptySubsequences: false)[e2[0].location.line - 1]
        let col = e2[0].location.column
        XCTAssertEqual(String(Array(line.unicodeScalars)[(col - 1)...].prefix(2).map(Character.init)), "zz")

        let typo = formJSON(fields: textField("a", "\"requird\": true"))
        XCTAssertEqual(loadErrors(typo).first?.message.en, "unknown key “requird” in field; did you mean “required”?")
        XCTAssertEqual(loadErrors(typo).first?.message.vi, "khoá không hợp lệ “requird” trong trường; có phải là “required”?")

        let cycle = formJSON(fields: """
        { "id": "a", "type": "integer", "label": "A", "compute": "b + 1" },
        { "id": "b", "type": "integer", "label": "B", "compute": "a + 1" }
        """)
        XCTAssertEqual(loadErrors(cycle).first?.message.en, "dependency cycle: a → b → a")

        let selfHidden = formJSON(fields: textField("a", "\"visible_if\": \"a = 'x'\""))
        XCTAssertEqual(loadErrors(selfHidden).first?.message.en, "dependency cycle: a → a")

        let badRegex = formJSON(fields: textField("a", "\"constraints\": [{ \"check\": \"matches(., '[0-9')\", \"message\": \"x\" }]"))
        XCTAssertEqual(loadErrors(badRegex).first?.message.en, "invalid regular expression: [0-9")

        let missingDataset = formJSON(fields: "{ \"id\": \"a\", \"type\": \"choice\", \"label\": \"A\", \"dataset\": \"ethnic-group\" }")
        XCTAssertEqual(loadErrors(missingDataset).first?.message.en, "no dataset “ethnic-group” in Forms/datasets; did you mean “ethnic-groups”?")

        let badDefault = formJSON(fields: "{ \"id\": \"a\", \"type\": \"date\", \"label\": \"A\", \"default\": \"31/02/2020\" }")
        XCTAssertEqual(loadErrors(badDefault).first?.message.en, "invalid default: The date 31/02/2020 does not exist (check day and month).")

        // One level of nesting is allowed (NestedRepeatTests); two are not.
        let nested = formJSON(fields: """
        { "id": "g", "type": "repeat", "label": "G", "fields": [
          { "id": "h", "type": "repeat", "label": "H", "fields": [
            { "id": "k", "type": "repeat", "label": "K", "fields": [ { "id": "x", "type": "text", "label": "X" } ] } ] } ] }
        """)
        XCTAssertEqual(loadErrors(nested).first?.message.en, "repeat groups nest only one level deep: this group is inside “h”, which is itself inside “g”")

        let badComponent = formJSON(fields: "{ \"id\": \"d\", \"type\": \"document\", \"label\": \"D\", \"component\": \"GCS\" }")
        XCTAssertEqual(loadErrors(badComponent).first?.message.en, "no document component “GCS” in procedure.documents")

        let wrongAttr = formJSON(fields: textField("a", "\"options\": []"))
        XCTAssertEqual(loadErrors(wrongAttr).first?.message.en, "“options” does not apply to type text")
    }

    func testInvalidUTF8AndHugeFilesAreErrorsNotCrashes() {
        var bytes = Array(formJSON(fields: textField("a", "\"help\": \"XX\"")).utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "X"))!
        bytes[at] = 0xC3
        bytes[at + 1] = 0x28 // not a continuation byte
        let (form, diagnostics) = FormLoader.load(bytes: bytes, file: "bad.json", datasets: realDatasets)
        XCTAssertNil(form)
        XCTAssertTrue(diagnostics.first?.message.en.contains("not valid UTF-8") ?? false, "\(diagnostics)")

        let huge = [UInt8](repeating: UInt8(ascii: " "), count: FormLoader.maxFileSize + 1)
        let (f2, d2) = FormLoader.load(bytes: huge, file: "huge.json", datasets: realDatasets)
        XCTAssertNil(f2)
        XCTAssertTrue(d2.first?.message.en.hasPrefix("file too large") ?? false)

        let deep = String(repeating: "[", count: 10_000)
        let (f3, d3) = FormLoader.load(bytes: Array(deep.utf8), file: "deep.json", datasets: realDatasets)
        XCTAssertNil(f3)
        XCTAssertTrue(d3.first?.message.en.contains("nested too deeply") ?? false)
    }

    func testUnknownSemanticKeyIsAWarningOnly() {
        let json = formJSON(fields: textField("a", "\"key\": \"child.shoe_size\""))
        let (form, diagnostics) = FormLoader.load(bytes: Array(json.utf8), file: "t.json", datasets: realDatasets)
        XCTAssertNotNil(form)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertFalse(diagnostics[0].isError)
        XCTAssertEqual(loadErrors(formJSON(fields: textField("a", "\"key\": \"Child Name\""))).count, 1)
    }

    func testCatalogReportsBrokenFilesAndKeepsGoodOnes() throws {
        let dir = NSTemporaryDirectory() + "forms-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/datasets", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: formsDirectory + "/dang-ky-khai-sinh.json", toPath: dir + "/good.json")
        for name in ["provinces-2025", "communes-2025", "ethnic-groups", "nationalities", "identity-document-types", "relationships",
                     "health-facilities"] {
            try FileManager.default.copyItem(atPath: formsDirectory + "/datasets/\(name).csv", toPath: dir + "/datasets/\(name).csv")
        }
        try "{ \"format\": 2 ".write(toFile: dir + "/broken.json", atomically: true, encoding: .utf8)
        try "code,name\n1,Một\n1,Hai\n".write(toFile: dir + "/datasets/bad.csv", atomically: true, encoding: .utf8)
        let catalog = FormCatalog.load(directory: dir)
        XCTAssertEqual(catalog.forms.map(\.id), ["dang-ky-khai-sinh"])
        XCTAssertEqual(catalog.errors.map { "\(($0.file as NSString).lastPathComponent):\($0.location)" }, ["bad.csv:3:1", "broken.json:1:15"])
    }

    /// A catalog without forms says why: the folder is missing, holds no
    /// form file, or every form failed to load; a folder's own problem names
    /// the folder, with no line and column.
    func testACatalogWithoutFormsSaysWhy() throws {
        let dir = NSTemporaryDirectory() + "forms-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let missing = FormCatalog.load(directory: dir)
        XCTAssertEqual(missing.noFormsReason?.en, "the forms folder \(dir) does not exist")
        XCTAssertEqual(missing.errors.map { $0.text(.en) }, ["\(dir): the forms folder does not exist"])

        try FileManager.default.createDirectory(atPath: dir + "/datasets", withIntermediateDirectories: true)
        let empty = FormCatalog.load(directory: dir)
        XCTAssertEqual(empty.noFormsReason?.en, "the forms folder \(dir) has no form files (.json)")
        XCTAssertEqual(empty.errors.map { $0.text(.en) }, ["\(dir): the folder has no form files (.json)"])
        XCTAssertTrue(empty.noFormsReason?.vi.contains("không có tệp biểu mẫu") ?? false)

        try "{ \"format\": 2 ".write(toFile: dir + "/broken.json", atomically: true, encoding: .utf8)
        try "{}".write(toFile: dir + "/other.json", atomically: true, encoding: .utf8)
        let broken = FormCatalog.load(directory: dir)
        let errors = broken.errors.count
        XCTAssertGreaterThan(errors, 1)
        XCTAssertEqual(broken.noFormsReason?.en, "none of the 2 form files in \(dir) could be loaded: \(errors) errors (see “kiosk forms check \(dir)”)")

        XCTAssertNil(FormCatalog.load(directory: formsDirectory).noFormsReason)
    }
}
