import Foundation
import FuzzSupport
import RelaisCore

/// A risk taxonomy imported by a table (`relais table taxonomy import`): the same bytes read as CSV and as JSON;
/// whatever is accepted exports and reads back the same.
@_cdecl("FuzzRiskTaxonomy_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let data = Data(bytes)
    if let taxonomy = try? RiskTaxonomy.parse(csv: String(decoding: data, as: UTF8.self), version: "fuzz") {
        precondition((try? RiskTaxonomy.parse(csv: taxonomy.csv(), version: "fuzz")) == taxonomy)
        for category in taxonomy.categories {
            for factor in category.factors { precondition(taxonomy.factor(factor.code) != nil) }
        }
    }
    _ = try? RiskTaxonomy.parse(json: data, version: "fuzz")
    return 0
}
