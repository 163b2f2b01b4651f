// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The Relais package is the parent folder; a path dependency is named after its folder, whatever the clone is called.
let relais = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

/// One libFuzzer target per parser of outside input, over Relais's pure core. Build and run them with
/// `scripts/fuzz.sh` (which passes `-sanitize=fuzzer,address` to every module, so that Relais's own code guides
/// the fuzzer and out-of-bounds reads are caught); docs/FUZZING.md says how to run them longer. A target is a folder
/// `Sources/Fuzz<Name>/` (with its seed corpus in `Corpus/Fuzz<Name>/`): a new one needs no line here.
let targets =
    ((try? FileManager.default.contentsOfDirectory(atPath: Context.packageDirectory + "/Sources")) ?? [])
    .filter { $0.hasPrefix("Fuzz") && $0 != "FuzzSupport" }.sorted()

let package = Package(
    name: "RelaisFuzz",
    platforms: [.macOS(.v14)],
    products: targets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(path: "..")],
    targets: [
        /// Starts libFuzzer's driver from a harness's entry point.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport")
    ]
        + targets.map { name in
            .executableTarget(
                name: name,
                dependencies: [
                    "FuzzSupport", .product(name: "RelaisCore", package: relais),
                    .product(name: "CRelaisImage", package: relais),
                ],
                path: "Sources/\(name)")
        }
)
