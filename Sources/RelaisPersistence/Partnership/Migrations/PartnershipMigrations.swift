import Fluent

/// The partnership committees' migrations, in the order they run after the platform's. Never edit a shipped one:
/// add the next.
public enum PartnershipMigrations {
    public static func all(stores: StoreEnvironment) -> [any Migration] { [CreatePartnership()] }
}
