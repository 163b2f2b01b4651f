import Fluent

/// The situation table's migrations, in the order they run after the platform's. Never edit a shipped one: add
/// the next.
public enum SituationTableMigrations {
    public static func all(stores: StoreEnvironment) -> [any Migration] {
        [CreateSituationTable()]
    }
}
