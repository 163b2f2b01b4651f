// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "relais",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "relais", targets: ["relais"]),
        // For the benchmark package in Benchmarks/.
        .library(name: "RelaisCore", targets: ["RelaisCore"]),
        .library(name: "RelaisPersistence", targets: ["RelaisPersistence"]),
        // For the fuzz package in Fuzz/.
        .library(name: "CRelaisImage", targets: ["CRelaisImage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
    ],
    targets: [
        /// The pure domain: value types, rules, policies and the ports the core needs. No I/O.
        .target(
            name: "RelaisCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        /// Photos from outside (officers' cards): JPEG and PNG decoded by libjpeg-turbo and libpng, cropped, scaled
        /// and encoded again as a JPEG with no metadata. Needs `libjpeg-dev` and `libpng-dev` to build.
        .target(
            name: "CRelaisImage",
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16")]
        ),
        /// Fluent records, numbered reversible migrations and stores for SQLite and PostgreSQL.
        .target(
            name: "RelaisPersistence",
            dependencies: [
                "RelaisCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The Vapor application: configuration, middleware, pages, JSON API and commands.
        .target(
            name: "RelaisWeb",
            dependencies: [
                "RelaisCore",
                "RelaisPersistence",
                "CRelaisImage",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        /// Store tests without the web app: `withStore` (a migrated database of each engine), the test clock and
        /// store-level fixtures.
        .target(
            name: "RelaisStoreTestSupport",
            dependencies: [
                "RelaisCore",
                "RelaisPersistence",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The web app for tests: `withRelaisApp`, browsers and API clients, live servers, fixtures.
        .target(
            name: "RelaisTestSupport",
            dependencies: [
                "RelaisCore",
                "RelaisPersistence",
                "RelaisStoreTestSupport",
                "RelaisWeb",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The `relais` executable: entrypoint only.
        .executableTarget(
            name: "relais",
            dependencies: [
                "RelaisWeb", .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RelaisCoreTests", dependencies: ["RelaisCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RelaisPersistenceTests",
            dependencies: ["RelaisPersistence", "RelaisStoreTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RelaisWebTests",
            dependencies: ["RelaisWeb", "RelaisTestSupport", .product(name: "VaporTesting", package: "vapor")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
