/// `id_number`: the 12-digit personal id number (spaces ignored), checked
/// by `PersonalIDNumber`. `cross_check` (`{ "birth_date": id, "gender": id }`)
/// names the fields its century/gender and year digits must agree with; on
/// every id number field the birth year those digits give must not be after
/// the form's today.
enum IDNumberField: FieldTypeRules {
    static let attributes: Set<String> = ["cross_check"]
    static let isLatinOnly = true

    static func resolveAttributes(_ source: FieldSource, loader: inout FormLoader) {
        guard let cc = loader.members(source["cross_check"], "cross_check", allowed: ["birth_date", "gender"]) else { return }
        let at = source["cross_check"]!.location
        if let name = loader.string(cc["birth_date"], "birth_date", at: at, required: false) {
            if let t = loader.indexByID[name], loader.fields[t].type == .date { loader.fields[source.index].crossCheckBirthDate = t } else {
                loader.error(cc["birth_date"]!.location, "“birth_date” phải là id của một trường ngày", "“birth_date” must be the id of a date field")
            }
        }
        if let name = loader.string(cc["gender"], "gender", at: at, required: false) {
            if let t = loader.indexByID[name], loader.fields[t].type == .choice { loader.fields[source.index].crossCheckGender = t } else {
                loader.error(cc["gender"]!.location, "“gender” phải là id của một trường lựa chọn (male/female)", "“gender” must be the id of a choice field (male/female)")
            }
        }
    }

    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        switch PersonalIDNumber.parse(text) {
        case .success(let id): return (.text(id.digits), nil)
        case .failure(let e): return (.null, e.message)
        }
    }

    /// The id number's birth year against the form's today, then against the
    /// birth year and gender of `cross_check`.
    static func issues(_ value: ExprValue, at path: FieldPath, field f: FieldDefinition, in state: FormState) -> [LocalizedText] {
        guard case .text(let digits) = value else { return [] }
        let id: PersonalIDNumber
        switch PersonalIDNumber.parse(digits, today: state.today) {
        case .success(let parsed): id = parsed
        case .failure(let e): return [e.message]
        }
        let form = state.form
        func sameItem(_ field: Int) -> FieldPath { form.path(of: field, alongside: path) }
        let birth = f.crossCheckBirthDate.flatMap { b -> CalendarDate? in
            if case .date(let d) = state.value(sameItem(b)) { return d }
            return nil
        }
        let gender = f.crossCheckGender.flatMap { g -> Gender? in
            if case .text(let s) = state.value(sameItem(g)) { return Gender(rawValue: s) }
            return nil
        }
        return id.agrees(birthYear: birth?.year, gender: gender).map { [$0.message] } ?? []
    }
}
