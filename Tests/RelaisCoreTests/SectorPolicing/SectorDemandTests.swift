import Foundation
import RelaisCore
import Testing

@Suite("RÉSO: demand per sector from calls for service")
struct SectorDemandTests {
    @Test("each readable point counts for the sector holding it; the rest are outside or named by line")
    func count() throws {
        let csv = """
            id,latitude,longitude
            1,45.45,-73.50
            2,45.45,-73.50
            3,45.50,-73.40
            4,,-73.5
            5,95,-73.5
            6,45.0,-70.0
            """
        let demand = try SectorDemand.count(csv: csv, latitudeColumn: "latitude", longitudeColumn: "longitude") {
            $0.longitude < -73.45 ? "BRO-1" : ($0.longitude < -73.0 ? "LGL-1" : nil)
        }
        #expect(
            demand.bySector == ["BRO-1": 2, "LGL-1": 1] && demand.outside == 1 && demand.unreadableLines == [5, 6])
        #expect(throws: SectorDemand.Problem.missingColumn("lat")) {
            try SectorDemand.count(csv: csv, latitudeColumn: "lat", longitudeColumn: "longitude") { _ in nil }
        }
        #expect(throws: SectorDemand.Problem.malformed(line: 2)) {
            try SectorDemand.count(csv: "a,b\n\"open", latitudeColumn: "a", longitudeColumn: "b") { _ in nil }
        }
    }
}
