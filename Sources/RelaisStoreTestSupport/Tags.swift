import Testing

extension Tag {
    /// Touches a database (SQLite always, PostgreSQL when configured).
    @Tag public static var database: Self
    /// Goes through the web stack (in memory).
    @Tag public static var web: Self
}
