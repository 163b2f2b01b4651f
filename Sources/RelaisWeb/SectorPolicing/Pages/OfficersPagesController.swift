import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/reso/agents`: the supervisor keeps the service's officers — their public card (name, cell number, languages,
/// photo), their account, their sector (with its history), the colleague who covers them and their weekly duty.
struct OfficersPagesController {
    static let path = "/reso/agents"

    static func path(_ id: SectorOfficer.ID) -> String { "/reso/agents/\(id)" }

    func register(on routes: any RoutesBuilder) {
        let read = RouteAccess.permission(Permission(.read, .sectorOfficer))
        let create = RouteAccess.permission(Permission(.create, .sectorOfficer))
        let update = RouteAccess.permission(Permission(.update, .sectorOfficer))
        routes.on(.GET, "reso", "agents", access: read, use: list)
        routes.on(.GET, "reso", "agents", "nouveau", access: create, use: new)
        routes.on(.POST, "reso", "agents", "nouveau", access: create, use: create(_:))
        routes.on(.GET, "reso", "agents", ":id", access: update, use: edit)
        routes.on(.POST, "reso", "agents", ":id", access: update, use: save)
        routes.on(
            .POST, "reso", "agents", ":id", "photo", access: update,
            body: .collect(maxSize: ByteCount(value: OfficerPhoto.maximumBytes + 64 * 1024)), use: photo)
    }

    struct Row: Encodable {
        let href: String?
        let name: String
        let sector: String?
        let phone: String
        let onDuty: Bool
        let hasPhoto: Bool
    }

    struct ListContent: Encodable {
        let rows: [Row]
        let hasRows: Bool
        let mayEdit: Bool
    }

    @Sendable func list(_ request: Request) async throws -> View {
        let context = try request.deskContext()
        let services = request.relais.reso
        let directory = try await services.book.current(request.store).directory
        let organisations = Set(context.actor.memberships.map(\.organisationID))
        let mayEdit = (try? ResoDesk(context: context).keptService()) != nil
        let now = request.store.now
        let zone = request.relais.config.timeZone
        let rows = directory.officers.filter { organisations.contains($0.organisationID) }.map { officer in
            Row(
                href: mayEdit ? Self.path(officer.id) : nil, name: officer.name,
                sector: officer.sectorCode.flatMap { directory.sector($0) }.map { "\($0.name) (\($0.city))" },
                phone: officer.cellPhoneText, onDuty: officer.duty.isOpen(at: now, in: zone),
                hasPhoto: officer.photoVersion > 0)
        }
        return try await request.renderPage(
            "reso/officers", title: request.relais.catalogue.text("reso.officers.title", request.language),
            content: ListContent(rows: rows, hasRows: !rows.isEmpty, mayEdit: mayEdit))
    }

    struct Form: Content {
        var name: String?
        var cellPhone: String?
        var languages: [String]?
        var userID: String?
        var sectorCode: String?
        var coverID: String?
        var start0, start1, start2, start3, start4, start5, start6: String?
        var end0, end1, end2, end3, end4, end5, end6: String?

        var starts: [String?] { [start0, start1, start2, start3, start4, start5, start6] }
        var ends: [String?] { [end0, end1, end2, end3, end4, end5, end6] }

        var desk: ResoDesk.OfficerForm {
            ResoDesk.OfficerForm(
                name: name, cellPhone: cellPhone, languages: languages ?? [], userID: userID, sectorCode: sectorCode,
                coverID: coverID,
                duty: (0..<7).map { day in
                    let start = starts[day].trimmedNonEmpty
                    let end = ends[day].trimmedNonEmpty
                    return OfficerRules.DutyRow(
                        day: start == nil && end == nil ? nil : day, start: start, end: end)
                })
        }
    }

    struct DayRow: Encodable {
        let day: Int
        let label: String
        let start: String
        let end: String
    }

    struct Assignment: Encodable {
        let sector: String
        let from: String
        let until: String?
    }

    struct FormContent: Encodable {
        let id: String?
        let action: String
        let values: Form
        let languages: [Choice]
        let accounts: [Choice]
        let sectors: [Choice]
        let covers: [Choice]
        let days: [DayRow]
        let errors: [String: String]
        let hasErrors: Bool
        let photo: String?
        let assignments: [Assignment]
        let hasAssignments: Bool
    }

    @Sendable func new(_ request: Request) async throws -> View {
        _ = try ResoDesk(context: try request.deskContext()).keptService(.create)
        return try await render(request, officer: nil, form: Form(), errors: [:])
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        do {
            let officer = try await ResoDesk(context: try request.deskContext()).saveOfficer(nil, form.desk)
            return request.redirect(to: Self.path(officer.id) + "?avis=reso.officer_saved", redirectType: .normal)
        } catch let error as ValidationError {
            return try await render(request, officer: nil, form: form, errors: Self.errors(error))
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
    }

    @Sendable func edit(_ request: Request) async throws -> View {
        let officer = try await ResoDesk(context: try request.deskContext()).keptOfficer(try ESUPPages.id(request))
        var form = Form(
            name: officer.name, cellPhone: officer.cellPhoneText, languages: officer.languages.map(\.rawValue),
            userID: officer.userID?.description, sectorCode: officer.sectorCode, coverID: officer.coverID?.description)
        for row in OfficerRules.rows(officer.duty) {
            guard let day = row.day else { continue }
            form.set(day: day, start: row.start, end: row.end)
        }
        return try await render(request, officer: officer, form: form, errors: [:])
    }

    @Sendable func save(_ request: Request) async throws -> Response {
        let id: SectorOfficer.ID = try ESUPPages.id(request)
        let desk = ResoDesk(context: try request.deskContext())
        let officer = try await desk.keptOfficer(id)
        let form = try request.content.decode(Form.self)
        do {
            _ = try await desk.saveOfficer(id, form.desk)
            return request.redirect(to: Self.path(id) + "?avis=reso.officer_saved", redirectType: .normal)
        } catch let error as ValidationError {
            return try await render(request, officer: officer, form: form, errors: Self.errors(error))
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
    }

    struct PhotoForm: Content {
        var photo: File?
    }

    @Sendable func photo(_ request: Request) async throws -> Response {
        let id: SectorOfficer.ID = try ESUPPages.id(request)
        let desk = ResoDesk(context: try request.deskContext())
        let officer = try await desk.keptOfficer(id)
        let upload = (try? request.content.decode(PhotoForm.self))?.photo
        do {
            try await desk.setPhoto(id, upload: upload.map { Array($0.data.readableBytesView) } ?? [])
            return request.redirect(to: Self.path(id) + "?avis=reso.photo_saved", redirectType: .normal)
        } catch let error as ValidationError {
            var form = Form(
                name: officer.name, cellPhone: officer.cellPhoneText, languages: officer.languages.map(\.rawValue),
                userID: officer.userID?.description, sectorCode: officer.sectorCode,
                coverID: officer.coverID?.description)
            for row in OfficerRules.rows(officer.duty) {
                if let day = row.day { form.set(day: day, start: row.start, end: row.end) }
            }
            return try await render(request, officer: officer, form: form, errors: Self.errors(error))
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
    }

    static func errors(_ error: ValidationError) -> [String: String] {
        Dictionary(error.problems.map { ($0.field, $0.messageKey) }) { first, _ in first }
    }

    private func render(_ request: Request, officer: SectorOfficer?, form: Form, errors: [String: String]) async throws
        -> View
    {
        let desk = ResoDesk(context: try request.deskContext())
        let service = try desk.keptService(officer == nil ? .create : .update)
        let directory = try await desk.services.book.current(request.store).directory
        let catalogue = request.relais.catalogue
        let language = request.language
        let chosen = Set(form.languages ?? [])
        let members = try await request.store.accounts.members(of: service).filter { $0.role == .sectorOfficer }
        let none = Choice(value: "", label: catalogue.text("reso.officer.none", language), checked: false)
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: request.relais.config.timeZone)
        var assignments: [(sector: String, from: Date, until: Date?)] = []
        if let officer { assignments = try await request.store.sectorOfficers.assignments(of: officer.id) }
        let content = FormContent(
            id: officer?.id.description, action: officer.map { Self.path($0.id) } ?? Self.path + "/nouveau",
            values: form,
            languages: SpokenLanguage.allCases.map {
                Choice(
                    value: $0.rawValue, label: catalogue.text($0.labelKey, language),
                    checked: chosen.contains($0.rawValue))
            },
            accounts: [none]
                + members.map {
                    Choice(value: $0.user.description, label: $0.name, checked: form.userID == $0.user.description)
                },
            sectors: [none]
                + directory.sectors.map {
                    Choice(value: $0.code, label: "\($0.city) — \($0.name)", checked: form.sectorCode == $0.code)
                },
            covers: [none]
                + directory.officers.filter { $0.organisationID == service && $0.id != officer?.id }.map {
                    Choice(value: $0.id.description, label: $0.name, checked: form.coverID == $0.id.description)
                },
            days: (0..<7).map {
                DayRow(
                    day: $0, label: catalogue.text("reso.weekday.\($0)", language), start: form.starts[$0] ?? "",
                    end: form.ends[$0] ?? "")
            }, errors: errors, hasErrors: !errors.isEmpty,
            photo: officer.flatMap { $0.photoVersion > 0 ? OfficerCard.photoPath($0, size: "large") : nil },
            assignments: assignments.map {
                Assignment(
                    sector: directory.sector($0.sector).map { "\($0.city) — \($0.name)" } ?? $0.sector,
                    from: format.string(from: $0.from), until: $0.until.map { format.string(from: $0) })
            }, hasAssignments: !assignments.isEmpty)
        return try await request.renderPage(
            "reso/officer-form",
            title: officer.map { catalogue.text("reso.officer.edit_title", language, [$0.name]) }
                ?? catalogue.text("reso.officer.new_title", language),
            content: content)
    }
}

extension OfficersPagesController.Form {
    init(
        name: String?, cellPhone: String?, languages: [String]?, userID: String?, sectorCode: String?, coverID: String?
    ) {
        self.name = name
        self.cellPhone = cellPhone
        self.languages = languages
        self.userID = userID
        self.sectorCode = sectorCode
        self.coverID = coverID
    }

    mutating func set(day: Int, start: String?, end: String?) {
        switch day {
        case 0: (start0, end0) = (start, end)
        case 1: (start1, end1) = (start, end)
        case 2: (start2, end2) = (start, end)
        case 3: (start3, end3) = (start, end)
        case 4: (start4, end4) = (start, end)
        case 5: (start5, end5) = (start, end)
        default: (start6, end6) = (start, end)
        }
    }
}
