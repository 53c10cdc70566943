import XCTest
@testable import KioskCore

/// The lines between the kiosk and its kiosk-sync worker.
final class WorkerMessageTests: XCTestCase {
    func testTheWireFormatIsOneObjectPerLine() throws {
        let find = WorkerMessage(id: 7, .find(code: "000.00.13.H36-261120-0007", verify: "068198003417")).line
        XCTAssertEqual(find.last, 0x0A)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: find.dropLast()) as? [String: Any])
        XCTAssertEqual(object["id"] as? Int, 7)
        XCTAssertEqual(object["find"] as? [String: String], ["code": "000.00.13.H36-261120-0007", "verify": "068198003417"])
        XCTAssertEqual(String(decoding: WorkerMessage(id: 8, .notFound).line, as: UTF8.self), #"{"id":8,"notFound":true}"# + "\n")
    }

    func testEveryMessageReadsBackAsItWasWritten() throws {
        var prior = PriorDossier(code: "000.00.13.H36-261120-0007", procedureCode: "1.000894", procedureName: "Đăng ký kết hôn",
                                 answers: ["bride.full_name": ["Lê Thị Hoa"]], resultKeys: [], documents: [], origin: .server)
        prior.status = 9
        for body: WorkerMessage.Body in [.find(code: "C", verify: "V"), .found(prior), .notFound, .offline, .error("unknown question")] {
            let message = WorkerMessage(id: 3, body)
            XCTAssertEqual(WorkerMessage(line: message.line.dropLast()), message)
        }
        XCTAssertNil(WorkerMessage(line: Data(#"{"id":3}"#.utf8)), "neither a question nor an answer")
        XCTAssertNil(WorkerMessage(line: Data("not json".utf8)))
    }
}
