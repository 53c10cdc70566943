import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// Nothing a citizen declares is cut without a mark, and nothing is drawn
/// across the frame: every page of every shipped form, empty and filled
/// with its sample answers, with each row focused in turn, then the
/// documents and the review, at three sizes.
final class LayoutPropertyTests: XCTestCase {
    static let sizes = [(80, 24), (100, 30), (160, 50)]

    func testNoFormPageCutsTextOrCrossesTheFrame() throws {
        var problems: [String] = []
        // The shipped forms, and the test form with a group inside a group.
        for form in (catalog.forms + [nestedForm]).sorted(by: { $0.id < $1.id }) {
            var filled = FormState(form: form, today: sampleToday)
            if form === nestedForm {
                filled.load(answers: try nestedSample())
            } else if let sample = try? Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/\(form.id).json")) {
                filled.load(answers: AnswerImport.read(Array(sample), for: form).answers)
            }
            for state in [FormState(form: form, today: sampleToday), filled] {
                for (w, h) in Self.sizes {
                    for frame in frames(form, state, width: w, height: h) {
                        problems += check(frame.screen, "\(form.id) \(w)x\(h) \(frame.name)")
                        if problems.count > 40 { break }
                    }
                }
            }
        }
        XCTAssertTrue(problems.isEmpty, problems.prefix(40).joined(separator: "\n"))
    }

    func testTheWelcomeAndTheProcedureListCutNothingInEitherLanguage() {
        var problems: [String] = []
        for language in [Language.vi, .en] {
            for (w, h) in Self.sizes {
                var context = AppContext(stationName: "Bưu điện huyện Lâm Hà - Một cửa", forms: catalog.forms.sorted { $0.procedure.code < $1.procedure.code },
                                         datasets: catalog.datasets)
                context.defaultLanguage = language
                var s = AppState(context: context, width: w, height: h, now: mondayMorning)
                problems += check(App.view(s), "welcome \(language) \(w)x\(h)")
                for selection in 0..<context.forms.count {
                    var c = ChooseState()
                    c.selection = selection
                    s.page = .choose(c)
                    problems += check(App.view(s), "choose \(selection) \(language) \(w)x\(h)")
                }
            }
        }
        XCTAssertTrue(problems.isEmpty, problems.prefix(40).joined(separator: "\n"))
    }

    func testTheProcedureListSaysHowManyMoreThereAre() throws {
        let h = try UIHarness()
        h.app.type("1")
        let count = catalog.forms.count
        // A procedure's row ends with its fee and time.
        func listed() -> Int { h.text.split(separator: "\n").filter { $0.contains(" đ · ") || $0.contains("Miễn phí · ") }.count }
        XCTAssertLessThan(listed(), count, "80x24 has no room for all of them")
        XCTAssertTrue(h.text.contains("▼ \(count - listed()) thủ tục nữa ở dưới"), h.text)
        h.app.key(.down, times: count - 1)
        XCTAssertTrue(h.text.contains("▲ \(count - listed()) thủ tục ở trên"), h.text)
        XCTAssertFalse(h.text.contains("▼"), h.text)
    }

    /// Every page with each of its rows focused, the documents, and the
    /// review with each of its lines focused.
    func frames(_ form: FormDefinition, _ state: FormState, width: Int, height: Int) -> [(name: String, screen: Screen)] {
        var s = AppState(context: AppContext(stationName: "Bưu điện huyện Lâm Hà", forms: [form], datasets: catalog.datasets),
                         width: width, height: height, now: mondayMorning)
        var out: [(String, Screen)] = []
        let base = FormSession(form: form, state: state, draft: DraftRef(id: 1, resumeCode: "K7M4QX"))
        for page in base.visiblePages {
            var f = base
            f.page = page
            f.visitedPages = Set(f.visiblePages)
            for focus in 0..<max(1, f.focusableRows.count) {
                f.focus = focus
                FormUpdate.enterRow(&f)
                s.page = .form(f)
                out.append(("page \(page + 1) row \(focus)", App.view(s)))
            }
        }
        var f = base
        f.stage = .documents
        for focus in 0..<(DocumentsUpdate.fields(f).count + 2) {
            f.focus = focus
            s.page = .form(f)
            out.append(("documents \(focus)", App.view(s)))
        }
        f.stage = .review
        for focus in 0..<(ReviewUpdate.answerPaths(f).count + 3) {
            f.focus = focus
            s.page = .form(f)
            out.append(("review \(focus)", App.view(s)))
        }
        return out
    }

    /// What is wrong with a frame: text cut without a mark, a border drawn over.
    func check(_ screen: Screen, _ name: String) -> [String] {
        var out = screen.cuts.map { "\(name): cut at (\($0.x),\($0.y)): \($0.text)" }
        let w = screen.width, h = screen.height
        for y in 0..<h {
            let left = screen[0, y].grapheme, right = screen[w - 1, y].grapheme
            let expected: (String, String) = [0: ("┌", "┐"), 3: ("├", "┤"), h - 3: ("├", "┤"), h - 1: ("└", "┘")][y] ?? ("│", "│")
            if (left, right) != expected { out.append("\(name): border at row \(y) is \(left)…\(right)") }
        }
        return out
    }
}
