import Fluent

/// RÉSO's migrations, in the order they run after the platform's. Never edit a shipped one: add the next.
public enum SectorPolicingMigrations {
    public static func all(stores: StoreEnvironment) -> [any Migration] {
        [CreateSectorPolicing(), AddSectorProblems(), AddSectorContacts(), AddContactPersons()]
    }
}
