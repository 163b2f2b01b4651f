import Foundation
import RelaisCore
import Testing

@Suite("Committees: meetings, registrations, minutes and stations")
struct MeetingRulesTests {
    static let zone = TimeZone(identifier: "America/Montreal")!
    static let station = Station(
        number: "38", name: "Poste de quartier 38", address: "1033, rue Rachel Est, Montréal", latitude: 45.5253,
        longitude: -73.5794)

    @Test("a plan reads a local time in the deployment's zone, a station of the list and an agenda by theme")
    func plan() throws {
        let plan = try MeetingPlanRules.plan(
            day: "2026-12-16", start: "18:30", minutes: "120", station: "38", stations: [Self.station],
            purpose: nil, committee: .partnership, agenda: [.security: "Sécurité des aînés", .relations: " "],
            isOpen: true, capacity: "30", today: "2026-11-27", timeZone: Self.zone)
        #expect(plan.interval.start == ISO8601DateFormatter().date(from: "2026-12-16T23:30:00Z"))
        #expect(plan.interval.duration == 7_200 && plan.capacity == 30 && plan.agenda.count == 1)
    }

    @Test(
        "bad plans name each field; nothing is planned",
        arguments: [
            (["day": "2026-11-01"], "day"), (["day": "2026-02-30"], "day"), (["start": "25:00"], "start"),
            (["minutes": "99999999999999999999"], "minutes"), (["station": "99"], "station"),
            (["purpose": "joint"], "purpose"), (["agenda": ""], "agenda"), (["capacity": "0"], "capacity"),
            (["capacity": "-3"], "capacity"),
        ])
    func badPlans(_ change: [String: String], field: String) {
        var fields = [
            "day": "2026-12-16", "start": "18:30", "minutes": "120", "station": "38", "agenda": "Ordre du jour",
            "capacity": "30",
        ]
        fields.merge(change) { $1 }
        #expect {
            _ = try MeetingPlanRules.plan(
                day: fields["day"], start: fields["start"], minutes: fields["minutes"], station: fields["station"],
                stations: [Self.station], purpose: fields["purpose"], committee: .partnership,
                agenda: [.security: fields["agenda"] ?? ""], isOpen: true, capacity: fields["capacity"],
                today: "2026-11-27", timeZone: Self.zone)
        } throws: { error in
            (error as? ValidationError)?.problems.map(\.field) == [field]
        }
    }

    @Test("two meetings overlapping in one station clash; in another station or after, they do not")
    func clashes() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let booked = [(interval: DateInterval(start: start, duration: 7_200), station: "38")]
        #expect(
            MeetingPlanRules.clashes(DateInterval(start: start + 3_600, duration: 3_600), station: "38", booked: booked)
        )
        #expect(
            !MeetingPlanRules.clashes(
                DateInterval(start: start + 3_600, duration: 3_600), station: "21", booked: booked))
        #expect(
            !MeetingPlanRules.clashes(
                DateInterval(start: start + 7_200, duration: 3_600), station: "38", booked: booked))
    }

    @Test("registration: a seat while there are some, then the waiting list; those waiting move up in order")
    func registrations() throws {
        #expect(RegistrationRules.status(registered: 1, capacity: 2) == .registered)
        #expect(RegistrationRules.status(registered: 2, capacity: 2) == .waiting)
        let meeting = Meeting.ID(UUID())
        let who = Registrant(name: "A", email: "a@example.org", organisation: "")
        let waiting = (0..<3).map {
            Registration(
                id: .init(UUID()), meetingID: meeting, registrant: who, language: .french, status: .waiting,
                registeredAt: Date(timeIntervalSince1970: Double(100 - $0)))
        }
        #expect(RegistrationRules.promoted(waiting: waiting, registered: 1, capacity: 2) == [waiting[2].id])
        #expect(RegistrationRules.promoted(waiting: waiting, registered: 2, capacity: 2).isEmpty)
        #expect(throws: ValidationError.self) {
            try RegistrationRules.registrant(name: " ", email: "not an address", organisation: nil)
        }
        #expect(
            try RegistrationRules.registrant(name: " Rosa ", email: "Rosa@Example.org", organisation: nil)
                == Registrant(name: "Rosa", email: "rosa@example.org", organisation: ""))
    }

    @Test("minutes keep only members who serve; residents are a bounded count")
    func minutes() throws {
        let seated = [CommitteeMember.ID(UUID()), CommitteeMember.ID(UUID())]
        let minutes = try MinutesRules.minutes(
            members: [seated[0].description], seated: seated, organisations: "Maison de la famille\n\nCarrefour\n",
            residents: "12", discussion: [.security: "Tour de table"])
        #expect(minutes.membersPresent == [seated[0]] && minutes.organisationsPresent.count == 2)
        for residents in ["-1", "10001", "99999999999999999999", "douze"] {
            #expect(throws: ValidationError.self) {
                try MinutesRules.minutes(
                    members: [], seated: seated, organisations: nil, residents: residents, discussion: [:])
            }
        }
        #expect(throws: ValidationError.self) {
            try MinutesRules.minutes(
                members: [UUID().uuidString], seated: seated, organisations: nil, residents: "0", discussion: [:])
        }
        #expect(throws: ValidationError.self) {
            try MinutesRules.concern(theme: "weather", community: "seniors", borough: nil, boroughs: [], summary: "x")
        }
        #expect(throws: ValidationError.self) { try MinutesRules.action(what: "x", owner: "y", due: "2026-13-01") }
    }

    @Test("the SPVM's stations file: 29 stations, addresses written as in Québec")
    func stations() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let stations = try StationFile.parse(
            try Data(contentsOf: root.appendingPathComponent("Resources/Demo/spvm-postes-de-quartier.geojson")))
        #expect(stations.count == 29)
        let byNumber = Dictionary(uniqueKeysWithValues: stations.map { ($0.number, $0) })
        #expect(byNumber["4"]?.address == "4139, boulevard des Sources, Dollard-Des Ormeaux")
        #expect(byNumber["38"]?.address == "1033, rue Rachel Est, Montréal")
        #expect(byNumber["15"]?.address == "1625, avenue de l'Eglise, Montréal")
        #expect(byNumber["10"]?.address == "11756, boulevard O'Brien, Montréal")
        #expect(byNumber["38"]?.name == "Poste de quartier 38")
        for bad in [
            "", "[]", #"{"features": [{"properties": {}, "geometry": {"type": "Point", "coordinates": [0, 999]}}]}"#,
        ] {
            #expect(throws: StationFile.Refusal.self) { try StationFile.parse(Data(bad.utf8)) }
        }
    }

    @Test("an invitation carries its iCalendar request as an attachment calendars read")
    func invitationMail() {
        let calendar = ICalendar(name: "Comité aînés", timeZone: Self.zone, method: "REQUEST").document(
            [
                ICalendar.Event(
                    uid: "x@relais", sequence: 1, start: Date(timeIntervalSince1970: 1_800_000_000),
                    end: Date(timeIntervalSince1970: 1_800_007_200), summary: "Comité aînés", location: "PDQ 38",
                    description: nil, cancelled: false, organizer: "relais@example.org", attendees: ["a@example.org"])
            ], now: Date(timeIntervalSince1970: 1_799_000_000))
        #expect(calendar.contains("METHOD:REQUEST") && calendar.contains("ORGANIZER:mailto:relais@example.org"))
        #expect(calendar.contains("ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:a@example.org"))
        let mail = MailMessage(
            to: "a@example.org", subject: "Invitation", text: "t", html: "<p>t</p>",
            calendar: .init(method: "REQUEST", document: calendar))
        let rendered = mail.rendered(from: "relais@example.org", messageID: "m@relais", date: .now, boundary: "b")
        #expect(rendered.contains("Content-Type: multipart/mixed; boundary=\"b\""))
        #expect(rendered.contains("Content-Type: multipart/alternative; boundary=\"b-alt\""))
        #expect(
            rendered.contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST; name=\"invitation.ics\""))
        #expect(rendered.hasSuffix("--b--\r\n"))
        let plain = MailMessage(to: "a@example.org", subject: "S", text: "t", html: "h")
        #expect(!plain.rendered(from: "r@x", messageID: "m", date: .now, boundary: "b").contains("multipart/mixed"))
    }
}
