import Foundation
import RelaisCore
import RelaisTestSupport
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

/// An ÉSUP team (an officer and a social worker, on tonight's duo), a frontline officer of the police service, a
/// mobile mediation worker, an analyst and an administrator, each signed in.
struct ESUPScene {
    let team: Organisation.ID
    let frontline: TestBrowser
    let frontlineAccount: TestAccount
    let worker: TestBrowser
    let workerAccount: TestAccount
    let duoOfficer: TestAccount
    let mobile: TestBrowser
    let mobileAccount: TestAccount
    let analyst: TestBrowser
    let admin: TestBrowser

    static let clear = [
        "immediateDangerToLife": "no", "weapon": "no", "crimeInProgress": "no", "medicalEmergency": "no",
    ]

    init(_ app: Application) async throws {
        let store = app.store
        workerAccount = try await app.makeAccount(
            role: .policeSocialWorker, email: "worker@esup.test", organisation: "ÉSUP", kind: .policeService)
        duoOfficer = try await app.makeAccount(
            role: .policeOfficer, email: "duo@esup.test", organisation: "ÉSUP", kind: .policeService)
        team = workerAccount.user.organisationID
        try await store.duos.setTeam(team)
        frontlineAccount = try await app.makeAccount(
            role: .policeOfficer, email: "patrol@spvm.test", organisation: "SPVM", kind: .policeService)
        mobileAccount = try await app.makeAccount(
            role: .mobileWorker, email: "mobile@emmis.test", organisation: "ÉMMIS")
        let analystAccount = try await app.makeAccount(
            role: .analyst, email: "analyst@city.test", organisation: "Ville", kind: .municipality)
        let adminAccount = try await app.makeAccount(
            role: .admin, email: "admin@relais.test", organisation: "Exploitation", kind: .operator_)
        func signedIn(_ account: TestAccount) async throws -> TestBrowser {
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            return browser
        }
        frontline = try await signedIn(frontlineAccount)
        worker = try await signedIn(workerAccount)
        mobile = try await signedIn(mobileAccount)
        analyst = try await signedIn(analystAccount)
        admin = try await signedIn(adminAccount)
        let formed = try await worker.post(
            "/esup/duos",
            form: [
                "callSign": "ÉSUP 1", "officer": duoOfficer.user.id.description,
                "socialWorker": workerAccount.user.id.description,
            ])
        guard formed.status == .seeOther else { throw Abort(.internalServerError, reason: "duo: \(formed.text)") }
    }

    /// The frontline officer asks for a phone consult; returns its id.
    func ask(_ extra: [String: String] = [:]) async throws -> Consult.ID {
        var form = Self.clear
        form.merge([
            "eventNumber": "26-004512", "place": "Métro Berri-UQAM", "situations[0]": "suicidal",
            "sceneSecured": "yes", "mode": "phone",
        ]) { $1 }
        form.merge(extra) { $1 }
        let sent = try await frontline.post("/esup/demande", form: form)
        guard sent.status == .seeOther, let location = sent.location,
            let id = Consult.ID(String(location.dropFirst("/esup/demandes/".count).prefix(36)))
        else { throw Abort(.internalServerError, reason: "not requested: \(sent.status) \(sent.text.prefix(300))") }
        return id
    }

    /// The duo takes the consult, links a person (recorded the first time), and closes it with `outcome`.
    func handle(_ id: Consult.ID, person: Person.ID?, outcome: [String: String], accepted: Bool = false)
        async throws -> Person.ID
    {
        let path = "/esup/consultations/\(id)"
        if !accepted { try expect(try await worker.post(path + "/prise-en-charge", form: [:]), "accept") }
        var personID = person
        if personID == nil {
            let recorded = try await worker.post(
                "/esup/personnes",
                form: [
                    "givenName": "Jérôme", "familyName": "Côté", "birthDate": "1979-04-12", "phone": "514 555-0199",
                    "consult": id.description,
                ])
            try expect(recorded, "record")
            personID = try await consultPerson(id)
        } else {
            try expect(try await worker.post(path + "/personne", form: ["personId": personID!.description]), "link")
        }
        try expect(
            try await worker.post(path + "/conseil", form: ["advice": "Parler calmement", "advisedTo": "Agent 4512"]),
            "advise")
        try expect(try await worker.post(path + "/fermeture", form: outcome), "close")
        return personID!
    }

    private func consultPerson(_ id: Consult.ID) async throws -> Person.ID {
        let page = try await worker.get("/esup/consultations/\(id)")
        guard let range = page.text.range(of: "/esup/personnes/"),
            let person = Person.ID(String(page.text[range.upperBound...].prefix(36)))
        else { throw Abort(.internalServerError, reason: "no person on the consult") }
        return person
    }

    private func expect(_ response: BrowserResponse, _ step: String) throws {
        guard response.status == .seeOther else {
            throw Abort(.internalServerError, reason: "\(step): \(response.status) \(response.text.prefix(600))")
        }
    }
}
