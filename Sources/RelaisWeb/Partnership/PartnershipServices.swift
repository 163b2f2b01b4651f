import Foundation
import RelaisCore

/// What the committees make once at start: the gate that keeps one network address from filling an open meeting's
/// seats with registrations.
struct PartnershipServices: Sendable {
    /// Registrations to an open meeting, per network address: ``RegistrationRules/addressLimit`` an hour.
    let registrations = RateGate()
}

extension AppServices {
    /// The committees' services (the programme is enabled wherever its routes answer).
    var partnership: PartnershipServices {
        guard let services = programmes[PartnershipServices.self] else {
            preconditionFailure("the committees do not run in this deployment")
        }
        return services
    }
}
