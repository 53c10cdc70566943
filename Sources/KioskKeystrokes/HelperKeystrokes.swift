import Foundation
import KioskCore
import KioskStore
import KioskRuntime
import KioskUI

/// The helper's keystrokes for the sample birth registration
/// (`Tests/Fixtures/answers/dang-ky-khai-sinh.json`), from the welcome screen
/// to the receipt: what `kiosk-bench` reports and the UI tests check against
/// the targets of issue 13, section 9.
public enum HelperKeystrokes {
    public static let targetFromScratch = 250
    public static let targetWithMarriage = 100
    /// With the three people's cards scanned (issue 17), a scan one key.
    public static let targetWithCards = 120
    /// The agency the station receives dossiers for (kiosk.conf
    /// `agency_code`), where the parents' marriage was registered too.
    public static let agencyCode = "000.00.13.H36"
    /// The code the parents' marriage dossier was accepted under.
    public static let marriageCode = agencyCode + "-261120-0007"
    public static let pin = "2468"
    /// The parents' whole birth dates, as their marriage registered them
    /// (the birth sample gives their years, which agree).
    public static let parentsBirthDates = ["mother_birth_date": "05/07/1995", "father_birth_date": "12/03/1992"]

    public struct Run {
        public var keys: Int
        public var steps: [(what: String, keys: Int)]
        public var app: HeadlessApp
        /// The answers the helper gave (what the receipt's dossier must hold).
        public var answers: [(name: String, raw: String)]

        /// The count, then each step with its keys.
        public func report(title: String) -> String {
            (["\(title): \(keys) keys"] + steps.map { "  \(String(format: "%4d", $0.keys))  \($0.what)" }).joined(separator: "\n")
        }
    }

    /// The sample answers of a form, as a draft keeps them.
    public static func sampleAnswers(_ form: FormDefinition, root: String = ".") -> [(name: String, raw: String)] {
        guard let data = FileManager.default.contents(atPath: root + "/Tests/Fixtures/answers/\(form.id).json") else { return [] }
        return AnswerImport.read(Array(data), for: form).answers
    }

    /// From the welcome screen of `app` (with `store` behind it) to the
    /// receipt of the sample birth registration; `fromMarriage`: with the
    /// code of the parents' marriage, registered at this station first. The
    /// father registers the birth: the marriage fills the mother (the bride)
    /// and the father (the groom), and the helper makes the father the
    /// applicant with "= Giống người cha"; from scratch, the helper types
    /// the applicant and copies him to the father's page with "= Giống
    /// người đi làm thủ tục".
    public static func birthRegistration(app: HeadlessApp, store: KioskStore, catalog: FormCatalog, root: String = ".",
                                         fromMarriage: Bool) throws -> Run {
        guard let birth = catalog.form(id: "dang-ky-khai-sinh") else { throw HelperTypist.Stuck(description: "no birth registration form") }
        var answers = sampleAnswers(birth, root: root)
        if fromMarriage {
            let verification = try registerParentsMarriage(store: store, catalog: catalog, birthAnswers: answers, root: root)
            // The marriage gives the parents' whole birth dates: the helper keeps them.
            answers = answers.map { ($0.name, parentsBirthDates[$0.name] ?? $0.raw) }
            var typist = HelperTypist(app: app, answers: answers)
            try typist.fileDossier(formID: birth.id, pin: pin, prior: (marriageCode, verification),
                                   roles: ["bride": "mother", "groom": "father"])
            return Run(keys: typist.keys, steps: typist.steps, app: typist.app, answers: answers)
        }
        var typist = HelperTypist(app: app, answers: answers)
        try typist.fileDossier(formID: birth.id, pin: pin)
        return Run(keys: typist.keys, steps: typist.steps, app: typist.app, answers: answers)
    }

    /// From the welcome screen to the receipt of the sample birth
    /// registration with the cards of the applicant (the father), the mother
    /// and the father scanned on their pages: each a made-up card with the
    /// sample's name, id number and the parents' whole birth dates.
    public static func birthRegistrationWithCards(app: HeadlessApp, catalog: FormCatalog, root: String = ".") throws -> Run {
        guard let birth = catalog.form(id: "dang-ky-khai-sinh") else { throw HelperTypist.Stuck(description: "no birth registration form") }
        // The card gives the whole birth date: the helper keeps it.
        let answers: [(name: String, raw: String)] = sampleAnswers(birth, root: root).map { ($0.name, parentsBirthDates[$0.name] ?? $0.raw) }
        var typist = HelperTypist(app: app, answers: answers)
        var byName: [String: String] = [:]
        for a in answers { byName[a.name] = a.raw }
        func card(_ role: String, gender: String, birth: String) -> String {
            let digits = birth.filter(\.isNumber)
            return [byName["\(role)_id_number"] ?? "", "", byName["\(role)_full_name"] ?? "", digits, gender,
                    "Tổ 5, Phường Cam Ly - Đà Lạt, Lâm Đồng", "01082025", "", "", "", ""].joined(separator: "|")
        }
        typist.cards = ["applicant": card("applicant", gender: "Nam", birth: parentsBirthDates["father_birth_date"]!),
                        "mother": card("mother", gender: "Nữ", birth: parentsBirthDates["mother_birth_date"]!),
                        "father": card("father", gender: "Nam", birth: parentsBirthDates["father_birth_date"]!)]
        try typist.fileDossier(formID: birth.id, pin: pin)
        return Run(keys: typist.keys, steps: typist.steps, app: typist.app, answers: answers)
    }

    /// The marriage of the sample birth's parents, finalized here and
    /// accepted by the province: the marriage sample with the mother as the
    /// bride and the father as the groom (names, birth dates, ethnic groups,
    /// id numbers; both living at the father's address). Returns the
    /// verification (the bride's id number).
    public static func registerParentsMarriage(store: KioskStore, catalog: FormCatalog, birthAnswers: [(name: String, raw: String)],
                                               root: String = ".") throws -> String {
        guard let marriage = catalog.form(id: "dang-ky-ket-hon") else { throw HelperTypist.Stuck(description: "no marriage form") }
        var birth: [String: String] = [:]
        for a in birthAnswers { birth[a.name] = a.raw }
        // The marriage declaration asks the whole birth date, where the birth
        // sample gives the parents' years only (all the birth certificate
        // records): their full dates, as the marriage registered them.
        for (name, date) in parentsBirthDates { birth[name] = date }
        var answers = sampleAnswers(marriage, root: root)
        let from: [String: String] = [
            "bride_full_name": "mother_full_name", "bride_birth_date": "mother_birth_date", "bride_ethnicity": "mother_ethnicity",
            "bride_nationality": "mother_nationality", "bride_id_type": "mother_id_type", "bride_id_number": "mother_id_number",
            "groom_full_name": "father_full_name", "groom_birth_date": "father_birth_date", "groom_ethnicity": "father_ethnicity",
            "groom_nationality": "father_nationality", "groom_id_type": "father_id_type", "groom_id_number": "father_id_number",
        ]
        answers = answers.map { a in (a.name, from[a.name].flatMap { birth[$0] } ?? a.raw) }
        var state = FormState(form: marriage, today: CalendarDate(year: 2024, month: 6, day: 1))
        state.load(answers: answers)
        let dossier = try store.finalize(form: marriage, state: state, draftID: nil)
        try store.markAccepted(submissionID: dossier.submissionID, officialCode: marriageCode, dueDate: nil)
        return birth["mother_id_number"] ?? ""
    }
}
