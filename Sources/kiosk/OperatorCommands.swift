import Foundation
import KioskCore
import KioskStore

/// `kiosk operator add ID | remove ID | list`: who may sign in at the
/// operator's screens (Ctrl-O or F12 at the kiosk). A PIN is typed twice,
/// not shown (at a terminal), else read from the first two lines of
/// standard input; never taken on the command line.
func operatorCommand(_ inv: Invocation, config: KioskConfig, language: Language) throws(UsageError) -> ExitCode {
    let vi = language == .vi
    let words = Array(inv.words.dropFirst())
    guard let store = openStore(config, language: language) else { return .failure }
    switch (words.first, words.count) {
    case ("add", 2):
        let id = words[1]
        guard KioskStore.validOperatorID(id) else {
            printError("kiosk: " + (vi ? "mã cán bộ cần 2–32 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới"
                                       : "an operator id needs 2–32 letters without marks, digits, dots, dashes or underscores"))
            return .failure
        }
        guard let pin = readSecret(prompt: vi ? "Mã PIN của \(id) (4–12 chữ số, không hiện khi gõ): " : "PIN for \(id) (4–12 digits, not shown as you type): ") else {
            printError("kiosk: " + (vi ? "chưa có mã PIN" : "no PIN given"))
            return .failure
        }
        guard KioskStore.validOperatorPIN(pin) else {
            printError("kiosk: " + (vi ? "mã PIN cần từ 4 đến 12 chữ số" : "a PIN needs 4 to 12 digits"))
            return .failure
        }
        guard let again = readSecret(prompt: vi ? "Nhập lại mã PIN: " : "The PIN again: "), again == pin else {
            printError("kiosk: " + (vi ? "hai lần nhập mã PIN không giống nhau; không thay đổi gì" : "the two PINs differ; nothing changed"))
            return .failure
        }
        do {
            try store.addOperator(id: id, pin: pin)
        } catch {
            printError("kiosk: " + error.userMessage.text(language))
            return .failure
        }
        print(vi ? "Đã lưu cán bộ \(id)." : "Operator \(id) saved.")
        return .success
    case ("remove", 2):
        do {
            guard try store.removeOperator(id: words[1]) else {
                printError("kiosk: " + (vi ? "không có cán bộ \(words[1])" : "no operator \(words[1])"))
                return .failure
            }
        } catch {
            printError("kiosk: " + error.userMessage.text(language))
            return .failure
        }
        print(vi ? "Đã xoá cán bộ \(words[1])." : "Operator \(words[1]) removed.")
        return .success
    case ("list", 1):
        do {
            let all = try store.operators()
            if all.isEmpty { print(vi ? "Chưa có cán bộ nào (kiosk operator add MÃ)." : "No operators yet (kiosk operator add ID).") }
            for o in all {
                var line = o.id.padding(toLength: max(16, o.id.count + 2), withPad: " ", startingAt: 0)
                    + (vi ? "thêm " : "added ") + VietnamTime(unix: o.createdAt).dateAndClock
                if let until = o.lockedUntil { line += vi ? " · tạm khoá đến \(VietnamTime(unix: until).clock)" : " · locked until \(VietnamTime(unix: until).clock)" }
                print(line)
            }
            return .success
        } catch {
            printError("kiosk: " + error.userMessage.text(language))
            return .failure
        }
    default:
        throw UsageError(message: "usage: kiosk operator add ID | kiosk operator remove ID | kiosk operator list")
    }
}

/// `kiosk stats [--month] [--date YYYY-MM-DD] [--json]`: today at this
/// station (or that day, or its month), as the operator's screen shows it.
func stats(_ inv: Invocation, config: KioskConfig, language: Language) throws(UsageError) -> ExitCode {
    let vi = language == .vi
    var at: Int?
    if let d = inv.flags["--date"] {
        let parts = d.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = CalendarDate.valid(year: parts[0], month: parts[1], day: parts[2]) else {
            throw UsageError(message: "--date takes a day as YYYY-MM-DD")
        }
        // Noon of that day in Vietnam.
        at = date.dayNumber * 86_400 - VietnamTime.offsetSeconds + 12 * 3600
    }
    guard let store = openStore(config, language: language, readOnly: true) else { return .failure }
    let s: StationStats
    do {
        s = try store.stats(inv.switches.contains("--month") ? .month : .day, at: at)
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return .failure
    }
    if inv.switches.contains("--json") {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: (try? encoder.encode(s)) ?? Data(), as: UTF8.self))
        return .success
    }
    let catalog = FormCatalog.load(directory: config.formsPath)
    func name(_ formID: String) -> String { catalog.forms.first { $0.id == formID }?.procedure.title.text(language) ?? formID }
    let columns = vi ? ["Bắt đầu", "Hoàn tất", "Đã gửi", "Cần xử lý"] : ["Started", "Finished", "Uploaded", "Attention"]
    func pad(_ t: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - VietnameseText.displayWidth(t))) + t }
    func left(_ t: String) -> String {
        let cut = VietnameseText.truncate(t, toWidth: 39)
        return cut + String(repeating: " ", count: 40 - VietnameseText.displayWidth(cut))
    }
    func row(_ label: String, _ c: StationStats.Counts) -> String {
        left(label) + [c.started, c.finished, c.uploaded, c.needsAttention].map { pad(String($0), 11) }.joined()
    }
    print(s.period == .day ? (vi ? "Ngày \(s.from)" : "Day \(s.from)") : (vi ? "Tháng \(s.from.dropFirst(3))" : "Month \(s.from.dropFirst(3))"))
    print(left("") + columns.map { pad($0, 11) }.joined())
    print(row(vi ? "Cả trạm" : "Station", s.total))
    if !s.byProcedure.isEmpty { print(vi ? "Theo thủ tục:" : "By procedure:") }
    for (form, c) in s.byProcedure.sorted(by: { $0.key < $1.key }) { print(row("  " + name(form), c)) }
    if !s.byOperator.isEmpty { print(vi ? "Theo cán bộ:" : "By operator:") }
    for (op, c) in s.byOperator.sorted(by: { $0.key < $1.key }) { print(row("  " + (op.isEmpty ? (vi ? "(không có cán bộ)" : "(no operator)") : op), c)) }
    let median = s.medianMinutes.map { "\(Int($0.rounded())) " + (vi ? "phút" : "minutes") } ?? (vi ? "chưa có hồ sơ hoàn tất" : "no dossier finished yet")
    print((vi ? "Thời gian trung vị từ lúc bắt đầu đến biên nhận: " : "Median time from start to receipt: ") + median)
    return .success
}
