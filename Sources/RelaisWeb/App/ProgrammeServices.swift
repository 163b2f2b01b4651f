/// What the enabled programmes made at start (their policies, live feeds…), one value per programme, found by its type.
/// A programme reads its own through an extension in its folder (`relais.mediation`), so the platform's
/// ``AppServices`` never names a programme's services.
public struct ProgrammeServices: Sendable {
    private let values: [ObjectIdentifier: any Sendable]

    init(_ values: [any Sendable]) {
        var byType: [ObjectIdentifier: any Sendable] = [:]
        for value in values { byType[ObjectIdentifier(type(of: value))] = value }
        self.values = byType
    }

    /// The services of type `type`, when the programme that makes them is enabled.
    public subscript<Services: Sendable>(_ type: Services.Type) -> Services? {
        values[ObjectIdentifier(type)] as? Services
    }
}
