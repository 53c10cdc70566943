import Foundation

/// Every form of a forms folder and its datasets, loaded and checked.
public struct FormCatalog: Sendable {
    public var forms: [FormDefinition]
    public var datasets: DatasetCatalog
    /// Every problem found, errors and warnings, in file order.
    public var diagnostics: [FormDiagnostic]
    public var files: [String]

    public var errors: [FormDiagnostic] { diagnostics.filter(\.isError) }

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
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            return FormCatalog(forms: [], datasets: DatasetCatalog(datasets: [:]), diagnostics: [
                .error(directory, SourceLocation(line: 0, column: 0), "không có thư mục biểu mẫu", "the forms folder does not exist"),
            ], files: [])
        }
        let (datasets, datasetProblems) = DatasetCatalog.load(directory: (directory as NSString).appendingPathComponent("datasets"))
        var diagnostics = datasetProblems
        var forms: [FormDefinition] = []
        var files: [String] = []
        let names = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            files.append(path)
            let start = SourceLocation(line: 1, column: 1)
            if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size > FormLoader.maxFileSize {
                diagnostics.append(.error(path, start, "tệp quá lớn (\(size / 1024) KB; tối đa \(FormLoader.maxFileSize / 1024 / 1024) MB)",
                                          "file too large (\(size / 1024) KB; at most \(FormLoader.maxFileSize / 1024 / 1024) MB)"))
                continue
            }
            guard let data = fm.contents(atPath: path) else {
                diagnostics.append(.error(path, start, "không đọc được tệp", "cannot read the file"))
                continue
            }
            let (form, problems) = FormLoader.load(bytes: Array(data), file: path, datasets: datasets)
            diagnostics += problems
            guard let form else { continue }
            if let other = forms.first(where: { $0.id == form.id }) {
                diagnostics.append(.error(path, start, "id biểu mẫu “\(form.id)” đã có ở \(other.file)", "form id “\(form.id)” is already used by \(other.file)"))
                continue
            }
            forms.append(form)
        }
        return FormCatalog(forms: forms, datasets: datasets, diagnostics: diagnostics, files: files)
    }
}
