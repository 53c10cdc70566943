import Foundation
import XCTest
@_exported import KioskTestSupport
@testable import KioskCore


let formsDirectory = packageRoot + "/Forms"

/// The real datasets, loaded once.
let realDatasets: DatasetCatalog = DatasetCatalog.load(directory: formsDirectory + "/datasets").0

/// A minimal valid form around the given pages JSON (a list), for tests.
func formJSON(pages: String, summary: String? = nil, documents: String = "[]") -> String {
    """
    {
      "format": 1,
      "id": "test-form",
      "version": "1",
      "procedure": {
        "code": "1.001193",
        "title": { "vi": "Thử", "en": "Test" },
        "domain": { "code": "HT", "name": "Hộ tịch" },
        "level": "full",
        "fee": { "amount": 0 },
        "processing_days": 1, "basis": "Test basis, Article 1",
        "delivery": ["desk"],
        "documents": \(documents)
      },\(summary.map { "\n  \"summary\": \"\($0)\"," } ?? "")
      "pages": \(pages)
    }
    """
}

/// A one-page form with these fields (a JSON list body).
func formJSON(fields: String) -> String {
    formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"Trang 1\", \"fields\": [\(fields)] }]")
}

/// Loads a form from text; fails the test when it does not load.
func loadForm(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> FormDefinition? {
    let (form, diagnostics) = FormLoader.load(bytes: Array(json.utf8), file: "test.json", datasets: realDatasets)
    if form == nil {
        XCTFail("form did not load: \(diagnostics.map(\.description).joined(separator: "\n"))", file: file, line: line)
    }
    return form
}

/// The errors a broken form gives.
func loadErrors(_ json: String) -> [FormDiagnostic] {
    FormLoader.load(bytes: Array(json.utf8), file: "test.json", datasets: realDatasets).1.filter(\.isError)
}

/// A text field's JSON.
func textField(_ id: String, _ extra: String = "") -> String {
    "{ \"id\": \"\(id)\", \"type\": \"text\", \"label\": \"\(id)\"\(extra.isEmpty ? "" : ", " + extra) }"
}

let fixedToday = CalendarDate(year: 2026, month: 11, day: 22)
