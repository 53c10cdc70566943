import Foundation

/// Every form of a forms folder and its datasets, loaded and checked.
public struct FormCatalog: Sendable {
    public var forms: [FormDefinition]
    public var datasets: DatasetCatalog
    /// Every problem found, errors and warnings, in file order.
    public var diagnostics: [FormDiagnostic]
    public var files: [String]

    public var errors: [FormDiagnostic] { diagnostics.filter(\.isError) }
    /// Why there is no form at all (the folder is missing, unreadable or
    /// holds no form file, or every form failed to load), naming the
    /// folder, for the operator; nil when some form loaded.
    public var noFormsReason: LocalizedText?

    public func form(id: String) -> FormDefinition? { forms.first { $0.id == id } }

    /// A procedure by its form id or its national procedure code.
    public func form(named name: String) -> FormDefinition? {
        form(id: name) ?? forms.first { $0.procedure.code == name }
    }

    /// Loads `directory/*.json` and `directory/datasets/*.csv`. Broken forms
    /// are left out and reported; the good ones are usable.
    public static func load(directory: String) -> FormCatalog {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        // A problem of the folder itself has no line (printed as `DIR: message`).
        let folder = SourceLocation(line: 0, column: 0)
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            return FormCatalog(forms: [], datasets: DatasetCatalog(datasets: [:]), diagnostics: [
                .error(directory, folder, "không có thư mục biểu mẫu", "the forms folder does not exist"),
            ], files: [], noFormsReason: LocalizedText(vi: "thư mục biểu mẫu \(directory) không tồn tại",
                                                       en: "the forms folder \(directory) does not exist"))
        }
        guard let entries = try? fm.contentsOfDirectory(atPath: directory) else {
            return FormCatalog(forms: [], datasets: DatasetCatalog(datasets: [:]), diagnostics: [
                .error(directory, folder, "không đọc được thư mục biểu mẫu", "the forms folder cannot be read"),
            ], files: [], noFormsReason: LocalizedText(vi: "không đọc được thư mục biểu mẫu \(directory)",
                                                       en: "the forms folder \(directory) cannot be read"))
        }
        let (datasets, datasetProblems) = DatasetCatalog.load(directory: (directory as NSString).appendingPathComponent("datasets"))
        var diagnostics = datasetProblems
        if let holidays = datasets[WorkingCalendar.datasetName] {
            // The table of days off for due dates: its dates and kinds are checked too.
            let file = ((directory as NSString).appendingPathComponent("datasets") as NSString).appendingPathComponent(WorkingCalendar.datasetName + ".csv")
            diagnostics += WorkingCalendar.read(holidays, file: file).problems
        }
        var forms: [FormDefinition] = []
        var files: [String] = []
        let names = entries.filter { $0.hasSuffix(".json") }.sorted()
        if names.isEmpty {
            diagnostics.append(.error(directory, folder, "thư mục không có tệp biểu mẫu (.json) nào", "the folder has no form files (.json)"))
        }
        let start = SourceLocation(line: 1, column: 1)
        // Each form file on its own core; reported and kept in file order.
        let loaded = parallelMap(names.count) { i -> (FormDefinition?, [FormDiagnostic]) in
            let fm = FileManager.default
            let path = (directory as NSString).appendingPathComponent(names[i])
            if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size > FormLoader.maxFileSize {
                return (nil, [.error(path, start, "tệp quá lớn (\(size / 1024) KB; tối đa \(FormLoader.maxFileSize / 1024 / 1024) MB)",
                                     "file too large (\(size / 1024) KB; at most \(FormLoader.maxFileSize / 1024 / 1024) MB)")])
            }
            guard let data = fm.contents(atPath: path) else {
                return (nil, [.error(path, start, "không đọc được tệp", "cannot read the file")])
            }
            return FormLoader.load(bytes: Array(data), file: path, datasets: datasets)
        }
        for (name, (form, problems)) in zip(names, loaded) {
            let path = (directory as NSString).appendingPathComponent(name)
            files.append(path)
            diagnostics += problems
            guard let form else { continue }
            if let other = forms.first(where: { $0.id == form.id }) {
                diagnostics.append(.error(path, start, "id biểu mẫu “\(form.id)” đã có ở \(other.file)", "form id “\(form.id)” is already used by \(other.file)"))
                continue
            }
            forms.append(form)
        }
        var reason: LocalizedText?
        if names.isEmpty {
            reason = LocalizedText(vi: "thư mục biểu mẫu \(directory) không có tệp biểu mẫu (.json) nào",
                                   en: "the forms folder \(directory) has no form files (.json)")
        } else if forms.isEmpty {
            let errors = diagnostics.filter(\.isError).count
            reason = LocalizedText(vi: "không biểu mẫu nào trong \(names.count) tệp của \(directory) dùng được: \(errors) lỗi (xem “kiosk forms check \(directory)”)",
                                   en: (names.count == 1 ? "the form file in \(directory) could not be loaded: " : "none of the \(names.count) form files in \(directory) could be loaded: ")
                                       + "\(errors) error\(errors == 1 ? "" : "s") (see “kiosk forms check \(directory)”)")
        }
        return FormCatalog(forms: forms, datasets: datasets, diagnostics: diagnostics, files: files, noFormsReason: reason)
    }
}
