import Foundation
import KioskCore

/// The forms: the same checks as `kiosk forms check`.
enum FormsCheck {
    static func run(_ config: KioskConfig) -> DoctorFinding {
        let name = DoctorCheck.forms
        let dir = config.formsPath
        let catalog = FormCatalog.load(directory: dir)
        let recheck = LocalizedText(vi: "xem từng lỗi: kiosk forms check \(dir)", en: "see each error: kiosk forms check \(dir)")
        if let reason = catalog.noFormsReason {
            return DoctorFinding(name, .problem, LocalizedText(vi: "không có biểu mẫu nào để làm hồ sơ: " + reason.vi,
                                                               en: "no forms to make dossiers with: " + reason.en),
                                 fix: LocalizedText(vi: "kiểm tra [forms] directory trong kiosk.conf; " + recheck.vi,
                                                    en: "check [forms] directory in kiosk.conf; " + recheck.en))
        }
        let errors = catalog.errors
        if !errors.isEmpty {
            let first = errors.prefix(3)
            let indent = "\n" + String(repeating: " ", count: 8)
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "\(errors.count) lỗi trong \(dir); biểu mẫu có lỗi không được dùng:" + first.map { indent + $0.text(.vi) }.joined(),
                              en: counted(errors.count, "error", "errors") + " in \(dir); forms with errors are not used:" + first.map { indent + $0.text(.en) }.joined()),
                fix: recheck)
        }
        let warnings = catalog.diagnostics.count
        return DoctorFinding(name, .ok,
            LocalizedText(vi: "\(catalog.forms.count) biểu mẫu, \(catalog.datasets.datasets.count) bộ dữ liệu hợp lệ trong \(dir)" + (warnings > 0 ? " (\(warnings) cảnh báo)." : "."),
                          en: counted(catalog.forms.count, "form", "forms") + ", " + counted(catalog.datasets.datasets.count, "dataset", "datasets") + " valid in \(dir)" + (warnings > 0 ? " (" + counted(warnings, "warning", "warnings") + ")." : ".")))
    }
}
