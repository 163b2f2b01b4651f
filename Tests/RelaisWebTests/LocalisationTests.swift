import Foundation
import RelaisCore
import RelaisPersistence
import Testing

@testable import RelaisWeb

@Suite("Locale catalogues")
struct LocalisationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let catalogue = try! Catalogue.load(
        from: root.appendingPathComponent("Resources/Locales").path, programmes: Programmes.ids)

    @Test("French and English have the same keys and no empty value")
    func sameKeys() {
        let french = Self.catalogue.entries[.french] ?? [:]
        let english = Self.catalogue.entries[.english] ?? [:]
        #expect(
            Set(french.keys).subtracting(english.keys).isEmpty,
            "only in fr: \(Set(french.keys).subtracting(english.keys))")
        #expect(
            Set(english.keys).subtracting(french.keys).isEmpty,
            "only in en: \(Set(english.keys).subtracting(french.keys))")
        #expect(french.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.isEmpty)
        #expect(english.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.isEmpty)
    }

    @Test("each catalogue file has its twin's keys (the platform's, each programme's), and none takes another's")
    func sameKeysPerFile() throws {
        let folder = Self.root.appendingPathComponent("Resources/Locales")
        var seen: [String: String] = [:]
        for name in [""] + Programmes.ids.map({ $0 + "/" }) {
            func keys(_ language: Language) throws -> Set<String> {
                let url = folder.appendingPathComponent("\(name)\(language.rawValue).json")
                return Set(try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url)).keys)
            }
            let french = try keys(.french)
            let english = try keys(.english)
            #expect(
                french == english,
                "\(name): only in fr \(french.subtracting(english)), only in en \(english.subtracting(french))")
            for key in french {
                #expect(seen[key] == nil, "\(key) is in \(seen[key] ?? "") and \(name)")
                seen[key] = name
            }
        }
        #expect(throws: CatalogueConflict.self) {
            let twice = FileManager.default.temporaryDirectory.appendingPathComponent("relais-catalogue-\(UUID())")
            for sub in ["", "a/"] {
                try FileManager.default.createDirectory(
                    at: twice.appendingPathComponent(sub), withIntermediateDirectories: true)
                for language in Language.allCases {
                    try Data(#"{"same.key":"x"}"#.utf8).write(
                        to: twice.appendingPathComponent("\(sub)\(language.rawValue).json"))
                }
            }
            _ = try Catalogue.load(from: twice.path, programmes: ["a"])
        }
    }

    /// Labels the platform derives from a programme's values, kept in the platform's pattern: audit actions, the
    /// purposes of audited reads, and permission resources (their raw values are unique in the build), the programme's own name (`programme.<id>`,
    /// which another programme's cross-programme count shows), and a store's refusal of a field's value.
    static func isDerived(_ key: String) -> Bool {
        key.hasPrefix("audit_action.") || key.hasPrefix("audit_purpose.") || key.hasPrefix("resource.")
            || key.hasPrefix("scope.related.")
            || key.hasPrefix("programme.")
            || key.hasPrefix("scope.partner.")
            || (key.hasPrefix("error.") && (key.hasSuffix(".taken") || key.hasSuffix(".unknown"))
                && key.split(separator: ".").count == 3)
    }

    @Test("each programme's keys are in its namespace (<programme>.…), apart from labels the platform derives")
    func namespacedKeys() throws {
        let folder = Self.root.appendingPathComponent("Resources/Locales")
        for programme in Programmes.ids {
            let url = folder.appendingPathComponent("\(programme)/fr.json")
            let keys = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url)).keys
            let outside = keys.filter { !$0.hasPrefix(programme + ".") && !Self.isDerived($0) }
            #expect(outside.isEmpty, "\(programme): \(outside.sorted())")
            #expect(keys.count > 50)
        }
        // the platform's catalogue names no programme's namespace
        let platform = try JSONDecoder().decode(
            [String: String].self, from: Data(contentsOf: folder.appendingPathComponent("fr.json")))
        #expect(platform.keys.filter { key in Programmes.ids.contains { key.hasPrefix($0 + ".") } }.isEmpty)
    }

    @Test("every key a template uses exists")
    func templateKeys() throws {
        let views = Self.root.appendingPathComponent("Resources/Views")
        // Every folder: the platform's templates and each programme's.
        let files = (FileManager.default.subpaths(atPath: views.path) ?? []).filter { $0.hasSuffix(".leaf") }
        #expect(files.contains("mediation/intake.leaf"))
        let pattern = try Regex(#"#t\("([a-z0-9_.]+)""#)
        for file in files {
            let text = try String(contentsOf: views.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                let key = String(match.output[1].substring ?? "")
                #expect(Self.catalogue.entries[.french]?[key] != nil, "\(file) uses a missing key: \(key)")
            }
        }
    }

    @Test("every label the code derives from the domain exists")
    func domainKeys() {
        var keys: [String] = []
        keys += Role.allCases.map(\.labelKey)
        keys += Organisation.Kind.allCases.map(\.labelKey)
        keys += Programmes.auditActions.map(\.labelKey)
        keys += AuditOutcome.allCases.map { "audit_outcome.\($0.rawValue)" }
        keys += AccessPolicy.running(Programmes.all).grants.resources.map(\.labelKey)
        keys += [MembershipRefusal.alreadyHeld, .notHeld, .partnerApplicationAlone, .lastMembership].map(\.messageKey)
        keys += Permission.Action.allCases.map { "action.\($0.rawValue)" }
        keys += RequestSource.allCases.map(\.labelKey)
        keys += Priority.allCases.map(\.labelKey)
        keys += TeamStatus.allCases.map(\.labelKey)
        keys += RequestStatus.allCases.map(\.labelKey)
        keys += RequestClosure.Kind.allCases.map(\.labelKey) + RequestNote.Kind.allCases.map(\.labelKey)
        keys += [RequestClosureRefusal.notWaiting.messageKey]
        keys += TeamStatus.allCases.map { "mediation.mobile.to.\($0.rawValue)" }
        keys += TriagePolicy.defaultWeights.keys.map { "mediation.situation.\($0)" }
        keys += IntakeRules.vulnerabilities.map { "mediation.vulnerability.\($0)" }
        keys += [TriageOutcome.call911, .referToPolice, .outOfTerritory, .queue(.normal)].flatMap {
            [$0.instructionKey, "mediation.triage_outcome.\($0.code)"]
        }
        keys += BoardLabels.keys(situations: Array(TriagePolicy.defaultWeights.keys))
        keys += Problem.statusesWithMessage.map { "error.status.\($0)" }
        keys += [400, 401, 403, 404, 409, 422, 429, 500].map { "error.title.\($0)" }
        let errors: [any DomainError] = [
            AccessError.signInRequired, AccessError.invalidToken, AccessError.forbidden, AccessError.csrfMismatch,
            AccessError.wrongCredentials, AccessError.throttled(minutes: 1), AccessError.wrongCode,
            PasswordProblem.tooShort(minimum: 12), PasswordProblem.tooCommon, PasswordProblem.containsEmail,
            ValidationError([]), IllegalTeamTransition(from: .offDuty, to: .onScene),
            GeoPoint.Problem.latitudeOutOfRange,
            GeoPoint.Problem.longitudeOutOfRange,
            DispatchConflict.teamUnavailable, DispatchConflict.requestNotWaiting, DispatchConflict.statusChanged,
            DispatchConflict.assignThroughDispatch, StoreError.duplicate(field: "team_name"),
            StoreError.duplicate(field: "members"),
        ]
        keys += ["mediation.error.override_reason.required"]
        keys += errors.map(\.messageKey)
        for key in keys {
            #expect(Self.catalogue.entries[.french]?[key] != nil, "missing key: \(key)")
        }
    }

    @Test("every message the intake rules can give exists")
    func intakeMessages() {
        var empty = IntakeForm()
        empty.source = "police"
        var wrong = IntakeForm()
        wrong.source = "pigeon"
        wrong.policeEventNumber = String(repeating: "1", count: 60)
        wrong.callerName = String(repeating: "n", count: 300)
        wrong.callback = String(repeating: "5", count: 200)
        wrong.address = String(repeating: "a", count: 400)
        wrong.latitude = 100
        wrong.longitude = 200
        wrong.description = String(repeating: "d", count: 5000)
        wrong.peopleCount = 0
        wrong.vulnerabilities = ["dragon"]
        wrong.overrideOutcome = "moon"
        var noPriority = IntakeForm()
        noPriority.overrideOutcome = "queued"
        noPriority.overridePriority = 9
        var noReason = IntakeForm()
        noReason.overrideOutcome = "police"
        noReason.overrideReason = String(repeating: "r", count: 600)
        for form in [empty, wrong, noPriority, noReason] {
            do {
                _ = try IntakeRules.validate(form, situations: ["noise"])
                Issue.record("a bad form was accepted")
            } catch {
                for problem in error.problems {
                    #expect(
                        Self.catalogue.entries[.french]?[problem.messageKey] != nil, "missing: \(problem.messageKey)")
                }
            }
        }
    }

    @Test("placeholders are filled in the request's language")
    func placeholders() {
        #expect(Self.catalogue.text("error.auth.throttled", .french, ["3"]).contains("3 minute"))
        #expect(Self.catalogue.text("error.auth.throttled", .english, ["3"]).hasPrefix("Too many"))
    }
}
