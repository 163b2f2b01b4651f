import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The mobile mediation team's demo data.
struct MediationDemo {
    let app: Application

    /// One team per ÉMMIS borough, available at a typical spot, with 12-hour shifts for the next 30 days; the
    /// demo mobile worker is in the Ville-Marie team.
    static let teams: [(name: String, vehicle: String, borough: String, latitude: Double, longitude: Double)] = [
        ("Équipe Ville-Marie", "Véhicule 1", "VM", 45.5088, -73.5617),
        ("Équipe Sud-Ouest", "Véhicule 2", "SO", 45.4790, -73.5800),
        ("Équipe Plateau", "Véhicule 3", "PM", 45.5245, -73.5810),
        ("Équipe Hochelaga", "Véhicule 4", "MH", 45.5530, -73.5400),
    ]

    func seedTeams() async throws {
        let store = app.store
        let organisationName = DemoSeeder.Name.mobileTeam
        guard let organisation = try await store.accounts.organisation(named: organisationName),
            let worker = try await store.accounts.credentials(email: DemoSeeder.email(for: .mobileWorker))?.user
        else { return }
        let start = Calendar.current.startOfDay(for: store.now)
        for (index, spec) in Self.teams.enumerated() {
            try await store.transaction { tx in
                let team = try await tx.teams.create(
                    organisationID: organisation.id, name: spec.name, vehicle: spec.vehicle,
                    members: index == 0 ? [worker.id] : [])
                for half in 0..<60 {
                    _ = try await tx.teams.addShift(
                        teamID: team.id, territoryCode: spec.borough,
                        interval: DateInterval(
                            start: start.addingTimeInterval(Double(half) * 12 * 3600), duration: 12 * 3600))
                }
                _ = try await tx.dispatch.changeStatus(
                    of: team, to: .available,
                    position: try GeoPoint(latitude: spec.latitude, longitude: spec.longitude), by: worker.id)
            }
        }
    }
}
