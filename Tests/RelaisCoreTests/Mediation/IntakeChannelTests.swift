import Foundation
import RelaisCore
import Testing

@Suite("Intake channel: who submits decides the source and whether triage may be overridden")
struct IntakeChannelTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let role: Role
        /// The source a request sent without one gets, or nil when the submitter must choose.
        let source: RequestSource?
        let mayOverride: Bool

        var testDescription: String { "\(role.rawValue) → \(source?.rawValue ?? "chosen"), override \(mayOverride)" }
    }

    /// Every role, so that a new one must be placed here.
    static let cases: [Case] = [
        Case(role: .dispatcher, source: nil, mayOverride: true),
        Case(role: .policeOfficer, source: .police, mayOverride: false),
        Case(role: .policeSocialWorker, source: .police, mayOverride: false),
        Case(role: .sectorOfficer, source: .police, mayOverride: false),
        Case(role: .sectorSupervisor, source: .police, mayOverride: false),
        Case(role: .open311Client, source: .line311, mayOverride: false),
        Case(role: .admin, source: nil, mayOverride: false),
        Case(role: .mobileWorker, source: nil, mayOverride: false),
        Case(role: .tableChair, source: nil, mayOverride: false),
        Case(role: .agencyRepresentative, source: nil, mayOverride: false),
        Case(role: .committeeCoordinator, source: nil, mayOverride: false),
        Case(role: .committeeMember, source: nil, mayOverride: false),
        Case(role: .analyst, source: nil, mayOverride: false),
    ]

    @Test("every role is placed", arguments: Role.allCases)
    func everyRole(_ role: Role) {
        #expect(Self.cases.contains { $0.role == role })
    }

    /// A call screened "weapon" and "danger to life", as the partner token sent it.
    static func dangerous() -> IntakeForm {
        var form = IntakeForm()
        form.weapon = true
        form.immediateDangerToLife = true
        return form
    }

    @Test("an override of triage is accepted from an intake coordinator only", arguments: cases)
    func override(_ testCase: Case) throws {
        let channel = IntakeChannel.of(testCase.role)
        #expect(channel.mayOverrideTriage == testCase.mayOverride)
        for variant in 0..<3 {
            var form = Self.dangerous()
            switch variant {
            case 0: form.overrideOutcome = "queued"
            case 1: form.overridePriority = 3
            default: form.overrideReason = "je connais la personne"
            }
            if testCase.mayOverride {
                #expect(try channel.admit(form).overrideOutcome == form.overrideOutcome)
            } else {
                #expect(throws: IntakeRefusal.overrideNotAllowed) { try channel.admit(form) }
            }
        }
        var blank = Self.dangerous()
        blank.overrideOutcome = "  "
        #expect(try channel.admit(blank).weapon == true)
    }

    @Test("the source follows from who submits; another one is refused by name", arguments: cases)
    func source(_ testCase: Case) throws {
        let channel = IntakeChannel.of(testCase.role)
        let absent = try channel.admit(IntakeForm())
        #expect(absent.source == testCase.source?.rawValue)
        var chosen = IntakeForm()
        chosen.source = RequestSource.resident.rawValue
        if let fixed = testCase.source {
            #expect(
                throws: ValidationError([FieldProblem(field: "source", messageKey: "mediation.error.source.fixed")])
            ) {
                try channel.admit(chosen)
            }
            chosen.source = fixed.rawValue
            #expect(try channel.admit(chosen).source == fixed.rawValue)
        } else {
            #expect(try channel.admit(chosen).source == "resident")
        }
    }
}
