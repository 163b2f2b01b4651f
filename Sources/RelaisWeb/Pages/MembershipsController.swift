import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The roles a person holds (`/admin/comptes/{id}`): administrators grant and withdraw memberships (user ×
/// organisation × role); each change is audited in its own transaction and applies to the person's next request.
struct MembershipsController {
    func register(on routes: any RoutesBuilder) {
        let manage = RouteAccess.permission(Permission(.update, .user))
        routes.on(.GET, "admin", "comptes", ":user", access: manage, use: show)
        routes.on(.POST, "admin", "comptes", ":user", "roles", access: manage, use: grant)
        routes.on(.POST, "admin", "comptes", ":user", "roles", "retrait", access: manage, use: withdraw)
    }

    static func path(of user: User.ID) -> String { "\(AdminController.usersPath)/\(user)" }

    struct Content: Encodable {
        struct Row: Encodable {
            let roleKey: String
            let role: String
            let organisationName: String
            let organisationID: String
            let grantedAt: String
            let isHome: Bool
        }

        struct Option: Encodable {
            let value: String
            let label: String
            let selected: Bool
        }

        let displayName: String
        let email: String
        let organisationName: String
        let rows: [Row]
        let roles: [Option]
        let organisations: [Option]
        let errorKey: String?
        let grantAction: String
        let withdrawAction: String
        /// Whether the account may sign in, and the form that changes it (not on one's own account).
        let isActive: Bool
        let statusAction: String?
    }

    struct Form: Decodable {
        var role: String?
        var organisation: String?
        var confirm: String?
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        try await page(request, user: try await target(request), status: .ok)
    }

    @Sendable func grant(_ request: Request) async throws -> Response {
        let user = try await target(request)
        let form = try request.content.decode(Form.self)
        guard let membership = try await membership(form, request) else {
            return try await page(
                request, user: user, errorKey: "error.membership.choose", typed: form, status: .unprocessableEntity)
        }
        do {
            try await request.store.accounts.grant(
                membership, to: user.id, by: request.actor, requestID: request.requestID)
        } catch let refusal as MembershipRefusal {
            return try await page(request, user: user, errorKey: refusal.messageKey, typed: form, status: .conflict)
        }
        return request.redirect(to: Self.path(of: user.id) + "?avis=membership_granted", redirectType: .normal)
    }

    @Sendable func withdraw(_ request: Request) async throws -> Response {
        let user = try await target(request)
        let form = try request.content.decode(Form.self)
        guard let membership = try await membership(form, request) else { throw Abort(.notFound) }
        guard form.confirm == "true" else {
            return try await page(
                request, user: user, errorKey: "error.membership.confirm", status: .unprocessableEntity)
        }
        do {
            try await request.store.accounts.withdraw(
                membership, from: user.id, by: request.actor, requestID: request.requestID)
        } catch let refusal as MembershipRefusal {
            let status: HTTPResponseStatus = refusal.kind == .notFound ? .notFound : .conflict
            return try await page(request, user: user, errorKey: refusal.messageKey, status: status)
        }
        return request.redirect(to: Self.path(of: user.id) + "?avis=membership_withdrawn", redirectType: .normal)
    }

    /// The account named in the path, when the actor may manage it (else 404, as for an account that does not exist).
    private func target(_ request: Request) async throws -> User {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        guard let id = request.parameters.get("user").flatMap(User.ID.init),
            let user = try await request.store.accounts.user(id),
            AccessPolicy.decide(actor, Permission(.update, .user), on: .record(ownedBy: user.organisationID))
                .isAllowed
        else { throw Abort(.notFound) }
        return user
    }

    /// The membership a form names, when both its role and its organisation exist.
    private func membership(_ form: Form, _ request: Request) async throws -> Membership? {
        guard let role = form.role.flatMap(Role.init(rawValue:)),
            let organisation = form.organisation.flatMap(Organisation.ID.init),
            try await request.store.accounts.organisation(organisation) != nil
        else { return nil }
        return Membership(role, in: organisation)
    }

    /// The person's roles and the form to grant one. Their name and e-mail are personal information: an audited read.
    private func page(
        _ request: Request, user: User, errorKey: String? = nil, typed: Form? = nil, status: HTTPResponseStatus
    ) async throws -> Response {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        let store = request.store
        let requestID = request.requestID
        let (entries, organisations) = try await store.transaction { tx in
            try await tx.audit.append(
                .read(.user, user.id.description, by: actor, for: .accountAdministration, requestID: requestID))
            return (try await tx.accounts.membershipEntries(of: user.id), try await tx.accounts.organisations())
        }
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.name) })
        let date = DateFormatter.relais(.time, request.language, timeZone: request.relais.config.timeZone)
        let content = Content(
            displayName: user.displayName, email: user.email, organisationName: names[user.organisationID] ?? "",
            rows: entries.enumerated().map { index, entry in
                .init(
                    roleKey: entry.membership.role.labelKey, role: entry.membership.role.rawValue,
                    organisationName: names[entry.membership.organisationID] ?? "",
                    organisationID: entry.membership.organisationID.description,
                    grantedAt: date.string(from: entry.grantedAt), isHome: index == 0)
            },
            roles: Role.allCases.map {
                .init(value: $0.rawValue, label: request.t($0.labelKey), selected: typed?.role == $0.rawValue)
            },
            organisations: organisations.map {
                .init(value: $0.id.description, label: $0.name, selected: typed?.organisation == $0.id.description)
            },
            errorKey: errorKey, grantAction: Self.path(of: user.id) + "/roles",
            withdrawAction: Self.path(of: user.id) + "/roles/retrait", isActive: user.isActive,
            statusAction: user.id == request.currentUser?.id
                ? nil : Self.path(of: user.id) + (user.isActive ? "/desactiver" : "/reactiver"))
        let response = try await request.renderPage(
            "admin-memberships", title: request.t("memberships.title", user.displayName), content: content
        )
        .encodeResponse(for: request)
        response.status = status
        return response
    }
}
