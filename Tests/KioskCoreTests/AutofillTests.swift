import Foundation
import XCTest
@testable import KioskCore

/// Answers move from an earlier dossier to a new form by meaning, through
/// roles the citizen confirms.
final class AutofillTests: XCTestCase {
    let catalog = FormCatalog.load(directory: formsDirectory)
    let code = "000.00.13.H36-261120-0007"

    /// A finalized marriage registration, as this station keeps it: the
    /// sample answers, normalised, by semantic key.
    func marriage() throws -> PriorDossier {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-ket-hon"))
        let data = try Data(contentsOf: URL(fileURLWithPath: formsDirectory + "/../Tests/Fixtures/answers/dang-ky-ket-hon.json"))
        var state = FormState(form: form, today: fixedToday)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        var answers: [String: [String]] = [:]
        for (name, value) in state.canonicalAnswers {
            guard let key = state.path(named: name).flatMap({ form.fields[$0.field].key }) else { continue }
            answers[key, default: []].append(value)
        }
        return PriorDossier(code: code, procedureCode: "1.000894", procedureName: "Đăng ký kết hôn", answers: answers,
                            documents: [PriorDocument(name: "GTTT_NU", keys: ["bride.identity_document"])], origin: .station)
    }

    func birthState() throws -> FormState {
        FormState(form: try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh")), today: CalendarDate(year: 2026, month: 11, day: 23))
    }

    func testTheBrideIsOfferedAsTheMotherAndTheGroomAsTheFather() throws {
        let prior = try marriage()
        let offers = Autofill.offers(prior: prior, form: try birthState().form)
        XCTAssertEqual(offers.map(\.sourceRole), ["bride", "groom"])
        XCTAssertEqual(offers[0].targets, ["mother", "applicant"])
        XCTAssertEqual(offers[0].target, "mother")
        XCTAssertEqual(offers[0].name, "Nguyễn Thị Mai Anh")
        XCTAssertEqual(offers[1].targets, ["father", "applicant"])
        XCTAssertEqual(offers[1].target, "father")
    }

    func testTheConfirmedRolesFillTheParentsWithValuesTheFormAccepts() throws {
        let prior = try marriage()
        var state = try birthState()
        let offers = Autofill.offers(prior: prior, form: state.form)
        let plan = Autofill.plan(prior: prior, offers: offers, state: state)
        let byName = Dictionary(uniqueKeysWithValues: plan.prefills.map { ($0.name, $0) })
        XCTAssertEqual(byName["mother_full_name"]?.raw, "Nguyễn Thị Mai Anh")
        XCTAssertEqual(byName["mother_birth_date"]?.raw, "14/02/1998")
        XCTAssertEqual(byName["mother_id_number"]?.raw, "068198003417")
        XCTAssertEqual(byName["mother_id_number"]?.sourceKey, "bride.id_number")
        XCTAssertEqual(byName["father_full_name"]?.raw, "Lê Hoàng Nam")
        XCTAssertEqual(byName["father_residence"]?.raw.hasPrefix("68|24787|"), true)
        XCTAssertTrue(plan.prefills.allSatisfy { $0.code == code && !$0.oldAddress })
        XCTAssertNil(byName["applicant_full_name"], "nobody was confirmed as the applicant")
        XCTAssertNil(byName["dossier_copies"], "the dossier's own facts stay with it")
        state.load(answers: plan.prefills.map { ($0.name, $0.raw) })
        for p in plan.prefills {
            let path = try XCTUnwrap(state.path(named: p.name))
            XCTAssertEqual(state.issues(path), [], p.name)
        }
    }

    func testChoosingAnotherRoleOrNoneChangesWhatIsFilled() throws {
        let prior = try marriage()
        let state = try birthState()
        var offers = Autofill.offers(prior: prior, form: state.form)
        offers[0].choice = 1 // the bride is the applicant
        offers[1].choice = nil
        let names = Set(Autofill.plan(prior: prior, offers: offers, state: state).prefills.map(\.name))
        XCTAssertTrue(names.contains("applicant_full_name"))
        XCTAssertTrue(names.contains("applicant_id_number"))
        XCTAssertFalse(names.contains("mother_full_name"))
        XCTAssertFalse(names.contains("father_full_name"))
        XCTAssertTrue(names.contains("doc_gttt"), "her identity document is reused for the applicant's")
    }

    func testWhatWasTypedIsNeverOverwritten() throws {
        let prior = try marriage()
        var state = try birthState()
        state.set("mother_full_name", "NGUYEN THI MAI ANH")
        state.set("mother_birth_date", "15/02/1998")
        let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: state.form), state: state)
        XCTAssertFalse(plan.prefills.contains { $0.name == "mother_full_name" })
        XCTAssertFalse(plan.prefills.contains { $0.name == "mother_birth_date" })
        XCTAssertTrue(plan.prefills.contains { $0.name == "mother_id_number" }, "the same person: the rest is filled")
    }

    func testSomeoneElseTypedUnderTheRoleIsNotBlendedWithTheEarlierPerson() throws {
        let prior = try marriage()
        var state = try birthState()
        state.set("mother_full_name", "Lò Thị Mai")
        let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: state.form), state: state)
        XCTAssertFalse(plan.prefills.contains { $0.name.hasPrefix("mother_") }, "another mother: nothing of the bride")
        XCTAssertTrue(plan.prefills.contains { $0.name == "father_full_name" })
    }

    func testTheChildOfAnEarlierBirthRegistrationIsOfferedButNotPreselected() throws {
        let prior = PriorDossier(code: code, procedureCode: "1.001193", procedureName: "", answers: [
            "child.full_name": ["Lê Minh An"], "mother.full_name": ["Nguyễn Thị Mai Anh"], "mother.id_number": ["068198003417"],
            "applicant.full_name": ["Nguyễn Thị Mai Anh"], "applicant.id_number": ["068198003417"],
        ], origin: .station)
        let offers = Autofill.offers(prior: prior, form: try birthState().form)
        let child = try XCTUnwrap(offers.first { $0.sourceRole == "child" })
        XCTAssertEqual(child.targets.first, "child")
        XCTAssertNil(child.choice, "an elder sibling is not the new child")
        XCTAssertEqual(offers.first { $0.sourceRole == "mother" }?.target, "mother", "her own role, though she was also the applicant")
        XCTAssertEqual(offers.first { $0.sourceRole == "applicant" }?.target, "applicant")
    }

    func testARepeatItemWithoutAnAnswerKeepsItsPlace() throws {
        let prior = PriorDossier(code: code, procedureCode: "1.004222", procedureName: "", answers: [
            "member.full_name": ["Trần Văn An", "Trần Thị Bình", "Lê Thị Cúc"],
            "member.id_number": ["068198003417", "", "042096007215"],
        ], origin: .station)
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-thuong-tru"))
        let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: form), state: FormState(form: form, today: fixedToday))
        let ids = plan.prefills.filter { $0.sourceKey == "member.id_number" }
        XCTAssertEqual(ids.map(\.raw), ["068198003417", "042096007215"])
        XCTAssertTrue(ids[1].name.hasSuffix("[3]"), "the third member's id stays the third's: \(ids[1].name)")
    }

    func testResultsAndIssuedDocumentsFillTheFieldsThatAskForThem() throws {
        var prior = try marriage()
        prior.answers["bride.marriage_certificate_number"] = ["12/2026"]
        prior.answers["groom.marriage_certificate_number"] = ["12/2026"]
        prior.resultKeys = ["bride.marriage_certificate_number", "groom.marriage_certificate_number"]
        prior.documents.append(PriorDocument(name: "Giấy chứng nhận kết hôn", keys: ["bride.marriage_certificate", "groom.marriage_certificate"],
                                             isResult: true, number: "12/2026"))
        let state = try birthState()
        let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: state.form), state: state)
        let byName = Dictionary(uniqueKeysWithValues: plan.prefills.map { ($0.name, $0) })
        XCTAssertEqual(byName["parents_marriage_number"]?.raw, "12/2026")
        XCTAssertEqual(byName["doc_gcnkh"]?.raw, "reuse:\(code)")
    }

    func testAnAddressFromBeforeTheReorganisationIsKeptWholeAndMarked() throws {
        var prior = try marriage()
        prior.answers["bride.residence"] = ["Thôn 3, xã Tân Hà, huyện Lâm Hà, tỉnh Lâm Đồng"]
        prior.answers["groom.residence"] = ["42|99999|Số 8, phường 2, quận 3"] // an old commune code
        let state = try birthState()
        let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: state.form), state: state)
        let byName = Dictionary(uniqueKeysWithValues: plan.prefills.map { ($0.name, $0) })
        // Read into today's units: Xã Tân Hà of Huyện Lâm Hà became Xã Tân Hà Lâm Hà; the hamlet kept.
        XCTAssertEqual(byName["mother_residence"]?.raw, "68|24916|Thôn 3")
        XCTAssertEqual(byName["mother_residence"]?.oldAddress, true, "still marked for the citizen to check")
        XCTAssertEqual(byName["father_residence"]?.raw, "||Số 8, phường 2, quận 3, Tỉnh Hà Tĩnh", "the old province's name is kept")
        XCTAssertEqual(byName["father_residence"]?.oldAddress, true)
    }

    func testAValueTheNewFormDoesNotAcceptIsReportedNotFilled() throws {
        var prior = try marriage()
        prior.answers["bride.ethnicity"] = ["99"]
        let state = try birthState()
        let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: state.form), state: state)
        XCTAssertFalse(plan.prefills.contains { $0.name == "mother_ethnicity" })
        XCTAssertEqual(plan.unusable.map(\.name), ["mother_ethnicity"])
    }

    func testTheSamePersonUnderTwoRolesIsOfferedOnce() throws {
        // A marital-status certificate the person asked for themself.
        let prior = PriorDossier(code: code, procedureCode: "1.004873", procedureName: "", answers: [
            "applicant.full_name": ["Lê Hoàng Nam"], "applicant.id_number": ["042096007215"],
            "subject.full_name": ["Lê Hoàng Nam"], "subject.id_number": ["042096007215"],
        ], origin: .server)
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-ket-hon"))
        let offers = Autofill.offers(prior: prior, form: form)
        XCTAssertEqual(offers.map(\.sourceRole), ["subject", "applicant"], "in the order the form declares")
        XCTAssertEqual(offers[0].targets, ["bride", "groom"])
        XCTAssertEqual(offers[0].target, "bride")
        XCTAssertNil(offers[1].target, "the same id number is not filled in twice")
    }

    func testRepeatItemsMoveItemByItem() throws {
        let prior = PriorDossier(code: code, procedureCode: "1.004194", procedureName: "", answers: [
            "applicant.full_name": ["Trần Thị Hoa"],
            "member.full_name": ["Trần Văn An", "Trần Thị Bình"],
        ], origin: .station)
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-thuong-tru"))
        let state = FormState(form: form, today: fixedToday)
        let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: form), state: state)
        let members = plan.prefills.filter { $0.sourceKey == "member.full_name" }
        XCTAssertEqual(members.map(\.raw), ["Trần Văn An", "Trần Thị Bình"])
        XCTAssertEqual(members.map(\.name).map { $0.hasSuffix("[1]") || $0.hasSuffix("[2]") }, [true, true])
    }

    func testVerificationIsAnIdNumberOrAPhoneOfSomeoneWhoFiledTheDossier() throws {
        var prior = try marriage()
        prior.answers["bride.phone"] = ["0912 345 678"]
        XCTAssertTrue(prior.isVerified(by: "068198003417"))
        XCTAssertTrue(prior.isVerified(by: "068 198 003 417"))
        XCTAssertTrue(prior.isVerified(by: "042096007215"))
        XCTAssertTrue(prior.isVerified(by: "+84912345678"))
        XCTAssertTrue(prior.isVerified(by: "0912.345.678"))
        XCTAssertFalse(prior.isVerified(by: "068198003418"))
        XCTAssertFalse(prior.isVerified(by: ""))
        XCTAssertFalse(prior.isVerified(by: "Nguyễn Thị Mai Anh"))
    }

    func testTheBrideAndGroomAsMotherAndFatherTellThatTheParentsAreMarried() throws {
        let prior = try marriage()
        let state = try birthState()
        var offers = Autofill.offers(prior: prior, form: state.form)
        var byName = Dictionary(uniqueKeysWithValues: Autofill.plan(prior: prior, offers: offers, state: state).prefills.map { ($0.name, $0) })
        XCTAssertEqual(byName["father_known"]?.raw, "yes")
        XCTAssertEqual(byName["parents_married"]?.raw, "yes")
        XCTAssertEqual(byName["parents_married"]?.code, code, "marked with the marriage's code like any answer it gives")
        XCTAssertEqual(byName["parents_married"]?.sourceKey, "bride+groom")

        // The groom as the father but the bride not used (his marriage to
        // someone else): nothing is said of this child's parents.
        offers[0].choice = nil
        byName = Dictionary(uniqueKeysWithValues: Autofill.plan(prior: prior, offers: offers, state: state).prefills.map { ($0.name, $0) })
        XCTAssertNotNil(byName["father_full_name"])
        XCTAssertNil(byName["parents_married"])
        XCTAssertNil(byName["father_known"])

        // An answer given is kept.
        var typed = try birthState()
        typed.set("parents_married", "no")
        offers = Autofill.offers(prior: prior, form: typed.form)
        byName = Dictionary(uniqueKeysWithValues: Autofill.plan(prior: prior, offers: offers, state: typed).prefills.map { ($0.name, $0) })
        XCTAssertNil(byName["parents_married"])
        XCTAssertEqual(byName["father_known"]?.raw, "yes")
    }

    func testRoleAnswersAreCheckedWhenTheFormIsLoaded() throws {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let json = try XCTUnwrap(String(bytes: form.source, encoding: .utf8))
        func errors(_ rule: String) -> [String] {
            let changed = json.replacingOccurrences(of: #""when": { "bride": "mother", "groom": "father" },"#, with: rule)
            XCTAssertNotEqual(changed, json)
            return FormLoader.load(bytes: Array(changed.utf8), file: "f.json", datasets: catalog.datasets).1.filter(\.isError).map(\.message.en)
        }
        XCTAssertTrue(errors(#""when": { "bride": "father" },"#).contains("“bride” → “father” is not among the role_mappings, so it can never hold"))
        XCTAssertTrue(errors(#""when": {},"#).contains { $0.hasPrefix("“when” must be a non-empty object") })
        let bad = json.replacingOccurrences(of: #""answers": { "father_known": "yes", "parents_married": "yes" }"#,
                                            with: #""answers": { "father_know": "yes", "parents_married": "maybe", "child_birth_date_words": "x" }"#)
        let messages = FormLoader.load(bytes: Array(bad.utf8), file: "f.json", datasets: catalog.datasets).1.filter(\.isError).map(\.message.en)
        XCTAssertTrue(messages.contains("no field “father_know”; did you mean “father_known”?"), "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("the answer for “parents_married” is wrong") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("“child_birth_date_words” cannot be filled") }, "\(messages)")
    }

    func testRoleMappingsAreCheckedWhenTheFormIsLoaded() throws {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        var json = try XCTUnwrap(String(bytes: form.source, encoding: .utf8))
        json = json.replacingOccurrences(of: #"{ "from": "bride", "to": "mother" }"#, with: #"{ "from": "bride", "to": "groom" }"#)
        json = json.replacingOccurrences(of: #"{ "from": "groom", "to": "father" }"#, with: #"{ "from": "brid", "to": "father" }"#)
        let (loaded, diagnostics) = FormLoader.load(bytes: Array(json.utf8), file: "f.json", datasets: catalog.datasets)
        XCTAssertNil(loaded)
        let messages = diagnostics.map { $0.message.en }
        XCTAssertTrue(messages.contains("no field of this form has the role “groom”"), "\(messages)")
        XCTAssertTrue(messages.contains("role “brid” is not in the dictionary (docs/forms.md)"), "\(messages)")
    }
}
