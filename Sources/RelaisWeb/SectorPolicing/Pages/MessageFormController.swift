import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/reso/secteurs/:code/message`: a resident writes to the sector's officer — the safety questions first (a "yes"
/// answers with 911 and nothing is kept), then what about, where, how to answer; the reference on the screen (and
/// by e-mail when they asked to be written to). A device cookie, the network address, a hidden field and size
/// limits keep a robot from flooding the officer.
struct MessageFormController {
    static let deviceCookie = "relais_reso_device"

    static func formPath(_ code: String) -> String { PublicPagesController.sectorPath(code) + "/message" }

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "reso", "secteurs", ":code", "message", access: .public, use: show)
        routes.on(
            .POST, "reso", "secteurs", ":code", "message", access: .public, body: .collect(maxSize: "256kb"),
            use: send)
        routes.on(.GET, "reso", "message-envoye", ":reference", access: .public, use: sent)
    }

    struct Form: Content {
        var dangerNow: String?
        var crimeNow: String?
        var medicalNow: String?
        var topic: String?
        var place: String?
        var latitude: String?
        var longitude: String?
        var replyBy: String?
        var phone: String?
        var email: String?
        var name: String?
        var body: String?
        var website: String?
    }

    struct Question: Encodable {
        let name: String
        let labelKey: String
        let answer: String
        let invalid: Bool
    }

    struct FormContent: Encodable {
        let sector: String
        let city: String
        let officer: String?
        let action: String
        let sectorPath: String
        let values: Form
        let questions: [Question]
        let topics: [Choice]
        let replyChannels: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let refusalKey: String?
        let emergency: Bool
        let maximumBody: Int
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        var form = Form()
        if let point = PublicPagesController.point(of: request) {
            form.latitude = String(format: "%.6f", point.latitude)
            form.longitude = String(format: "%.6f", point.longitude)
        }
        let response = try await render(request, form: form, errors: [:], refusal: nil)
            .encodeResponse(for: request)
        if request.cookies[Self.deviceCookie] == nil {
            response.cookies[Self.deviceCookie] = .relais(SecretToken.generate(), for: request, maxAge: 31_536_000)
        }
        return response
    }

    @Sendable func send(_ request: Request) async throws -> Response {
        guard let code = request.parameters.get("code") else { throw Abort(.notFound) }
        let form = try request.content.decode(Form.self)
        var safety: [String: String?] = [:]
        safety["dangerNow"] = form.dangerNow
        safety["crimeNow"] = form.crimeNow
        safety["medicalNow"] = form.medicalNow
        let sent = MessageRules.Form(
            safety: safety, topic: form.topic, place: form.place, latitude: form.latitude,
            longitude: form.longitude, replyBy: form.replyBy, phone: form.phone, email: form.email, name: form.name,
            body: form.body, website: form.website)
        let desk = ResidentDesk(store: request.store, services: request.relais, requestID: request.requestID)
        let sender = ResidentDesk.Sender(
            address: request.clientAddress,
            device: request.cookies[Self.deviceCookie]?.string.prefix(64).description)
        do {
            let message = try await desk.send(sent, to: code, from: sender, language: request.language)
            return request.redirect(to: "/reso/message-envoye/\(message.reference)", redirectType: .normal)
        } catch let error as any DomainError {
            let errors = Dictionary(error.fieldProblems.map { ($0.field, $0.messageKey) }) { first, _ in first }
            let status: HTTPResponseStatus =
                switch error.kind {
                case .throttled: .tooManyRequests
                case .invalidInput: .unprocessableEntity
                default: .conflict
                }
            return try await render(
                request, form: form, errors: errors, refusal: error.fieldProblems.isEmpty ? error.messageKey : nil,
                emergency: error as? MessageRefusal == .emergency
            ).encodeResponse(status: status, for: request)
        }
    }

    private func render(
        _ request: Request, form: Form, errors: [String: String], refusal: String?, emergency: Bool = false
    ) async throws -> View {
        let snapshot = try await request.relais.reso.book.current(request.store)
        guard let code = request.parameters.get("code"), let sector = snapshot.directory.sector(code) else {
            throw Abort(.notFound)
        }
        let catalogue = request.relais.catalogue
        let language = request.language
        let answers = ["dangerNow": form.dangerNow, "crimeNow": form.crimeNow, "medicalNow": form.medicalNow]
        var values = form
        values.website = nil
        let content = FormContent(
            sector: sector.name, city: sector.city, officer: snapshot.directory.officer(of: code)?.name,
            action: Self.formPath(code)
                + (PublicPagesController.point(of: request).map(PublicPagesController.pointQuery) ?? ""),
            sectorPath: PublicPagesController.sectorPath(code), values: values,
            questions: MessageRules.safetyQuestions.map {
                Question(
                    name: $0, labelKey: "reso.safety.\($0)", answer: answers[$0].flatMap { $0 } ?? "",
                    invalid: errors[$0] != nil)
            },
            topics: MessageTopic.allCases.map {
                Choice(
                    value: $0.rawValue, label: catalogue.text($0.labelKey, language), checked: form.topic == $0.rawValue
                )
            },
            replyChannels: ReplyChannel.allCases.map {
                Choice(
                    value: $0.rawValue, label: catalogue.text($0.labelKey, language),
                    checked: (form.replyBy ?? "phone") == $0.rawValue)
            },
            errors: errors, hasErrors: !errors.isEmpty, refusalKey: refusal, emergency: emergency,
            maximumBody: MessageRules.maximumBodyLength)
        return try await request.renderPage(
            "reso/message-form", title: catalogue.text("reso.message.title", language, [sector.name]),
            content: content)
    }

    struct SentContent: Encodable {
        let reference: String
    }

    /// The receipt: the reference to quote (nothing the resident wrote is on it).
    @Sendable func sent(_ request: Request) async throws -> View {
        guard let reference = request.parameters.get("reference"), reference.count == 14,
            reference.hasPrefix("RESO-"),
            reference.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase || $0 == "-") })
        else { throw Abort(.notFound) }
        return try await request.renderPage(
            "reso/message-sent", title: request.relais.catalogue.text("reso.sent.title", request.language),
            content: SentContent(reference: reference))
    }
}
