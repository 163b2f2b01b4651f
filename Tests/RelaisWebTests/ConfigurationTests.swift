import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import Testing
import Vapor

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test("with no variable at all Relais runs on SQLite in ./relais-data, without Secure cookies")
    func defaults() throws {
        let config = try AppConfig.parse([:])
        #expect(config.database == .sqliteFile(path: "./relais-data/relais.sqlite"))
        #expect(config.encryptionKey == nil)
        #expect(!config.secureCookies)
        #expect(!config.requireSecondFactor)
        #expect(config.timeZone.identifier == "America/Toronto")
        #expect(config.sqliteDurability == .full, "an acknowledged write survives a power cut unless told otherwise")
        #expect(config.connectionsPerEventLoop == 1)
    }

    @Test("the pool's size and SQLite's durability are settings, checked like the others")
    func poolAndDurability() throws {
        let config = try AppConfig.parse(["RELAIS_DATABASE_POOL": "8", "RELAIS_SQLITE_SYNCHRONOUS": "NORMAL"])
        #expect(config.connectionsPerEventLoop == 8 && config.sqliteDurability == .normal)
        for (name, value) in [
            ("RELAIS_DATABASE_POOL", "0"), ("RELAIS_DATABASE_POOL", "99999999999999999999"),
            ("RELAIS_SQLITE_SYNCHRONOUS", "off"),
        ] {
            let error = try #require(throws: ConfigurationError.self) { try AppConfig.parse([name: value]) }
            #expect(error.lines.contains { $0.variable == name && $0.state.hasPrefix("invalid") })
        }
    }

    @Test("DATABASE_URL switches to PostgreSQL, which requires the key and defaults to requiring a second factor")
    func postgres() throws {
        let key = Data(repeating: 3, count: 32).base64EncodedString()
        let config = try AppConfig.parse([
            "DATABASE_URL": "postgres://relais:secret@db.internal:5432/relais", "RELAIS_ENCRYPTION_KEY": key,
            "RELAIS_PUBLIC_URL": "https://relais.example",
        ])
        #expect(config.database == .postgres(url: "postgres://relais:secret@db.internal:5432/relais"))
        #expect(config.requireSecondFactor)
        #expect(config.secureCookies)
    }

    @Test("malformed values stop start-up with every variable listed and no secret shown")
    func malformed() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try AppConfig.parse([
                "DATABASE_URL": "mysql://root:hunter2@localhost/x", "RELAIS_ENCRYPTION_KEY": "c2hvcnQ=",
                "RELAIS_REQUIRE_TOTP": "peut-être", "RELAIS_TIME_ZONE": "Mars/Olympus",
                "RELAIS_STATISTICS_THRESHOLD": "1",
            ])
        }
        let text = error.description
        for variable in AppConfig.variables {
            #expect(text.contains(variable), "\(variable) is not reported")
        }
        for bad in [
            "DATABASE_URL = invalid", "RELAIS_ENCRYPTION_KEY = invalid", "RELAIS_REQUIRE_TOTP = invalid",
            "RELAIS_TIME_ZONE = invalid", "RELAIS_STATISTICS_THRESHOLD = invalid",
        ] {
            #expect(text.contains(bad), "missing: \(bad)")
        }
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("c2hvcnQ="))
    }

    @Test("the statistics' threshold is the deployment's, for every programme's statistics")
    func threshold() throws {
        #expect(try AppConfig.parse([:]).statisticsThreshold == SmallCells.defaultThreshold)
        #expect(try AppConfig.parse(["RELAIS_STATISTICS_THRESHOLD": "10"]).statisticsThreshold == 10)
    }

    @Test(
        "a map tile server is an XYZ template whose origin pages may load images from; a malformed one stops start-up")
    func mapTiles() async throws {
        #expect(try AppConfig.parse([:]).mapTilesURL == nil)
        let config = try AppConfig.parse(["RELAIS_MAP_TILES_URL": "https://tiles.example.org:8443/osm/{z}/{x}/{y}.png"])
        #expect(config.mapTilesOrigin == "https://tiles.example.org:8443")
        for bad in ["https://tiles.example.org/osm/{z}/{x}.png", "ftp://tiles/{z}/{x}/{y}", "https://t/{z}/{x}/{y}' *"]
        {
            #expect(throws: ConfigurationError.self) { try AppConfig.parse(["RELAIS_MAP_TILES_URL": bad]) }
        }
        var tiled = TestAppOptions()
        tiled.mapTilesURL = config.mapTilesURL
        try await withRelaisApp(options: tiled) { app in
            let page = try await TestBrowser(app).get("/connexion")
            #expect(
                page.headers.first(name: "Content-Security-Policy")?
                    .contains("img-src 'self' data: https://tiles.example.org:8443;") == true)
        }
    }

    @Test("PostgreSQL without an encryption key is refused: every instance needs the same key")
    func postgresNeedsKey() {
        #expect(throws: ConfigurationError.self) {
            try AppConfig.parse(["DATABASE_URL": "postgres://db.internal/relais"])
        }
    }
}
