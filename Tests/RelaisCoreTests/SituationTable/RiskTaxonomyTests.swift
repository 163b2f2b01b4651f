import Foundation
import RelaisCore
import Testing

@Suite("Risk factors: a bilingual taxonomy, imported and exported as data")
struct RiskTaxonomyTests {
    @Test("the default list has the published categories, several factors each, in both languages")
    func defaultList() {
        let taxonomy = RiskTaxonomy.relaisDefault
        #expect(taxonomy.categories.count == 26)
        #expect(taxonomy.categories.allSatisfy { $0.factors.count >= 2 })
        #expect(taxonomy.factor("suicide.ideation")?.factor.label(.french) == "Idées suicidaires")
        #expect(taxonomy.factor("suicide.ideation")?.category.label(.english) == "Suicide")
        #expect(taxonomy.version == "relais-default-1")
    }

    @Test("CSV and JSON exports read back as the same taxonomy")
    func roundTrip() throws {
        let taxonomy = RiskTaxonomy.relaisDefault
        #expect(try RiskTaxonomy.parse(csv: taxonomy.csv(), version: "relais-default-1") == taxonomy)
        let json = try JSONEncoder().encode(taxonomy)
        #expect(try RiskTaxonomy.parse(json: json, version: "relais-default-1") == taxonomy)
    }

    @Test("an import with unknown columns, duplicate or malformed codes, or missing labels is refused whole")
    func refusals() {
        let header = RiskTaxonomy.columns.joined(separator: ",")
        let cases: [(String, String)] = [
            ("code,label\nx,y\n", "table.error.taxonomy.header"),
            (
                "\(header)\nhousing,Logement,Housing,housing.a,A,A\nhousing,Logement,Housing,housing.a,B,B\n",
                "table.error.taxonomy.duplicate"
            ),
            ("\(header)\nHousing!,Logement,Housing,housing.a,A,A\n", "table.error.taxonomy.code"),
            ("\(header)\nhousing,Logement,,housing.a,A,A\n", "table.error.taxonomy.missing"),
            (
                "\(header)\nhousing,Logement,Housing,housing.a,A,A\nhousing,Habitation,Housing,housing.b,B,B\n",
                "table.error.taxonomy.category_label"
            ),
            ("\(header)\n", "table.error.taxonomy.empty"),
            ("\(header)\n\"unclosed,x\n", "table.error.taxonomy.csv"),
        ]
        for (text, key) in cases {
            let error = #expect(throws: ValidationError.self) { try RiskTaxonomy.parse(csv: text, version: "v1") }
            #expect(error?.problems.first?.messageKey == key, "\(text)")
        }
        #expect(throws: ValidationError.self) { try RiskTaxonomy.parse(json: Data("[]".utf8), version: "v1") }
        #expect(throws: ValidationError.self) {
            try RiskTaxonomy.parse(csv: RiskTaxonomy.relaisDefault.csv(), version: "Not a version")
        }
    }
}
