import Testing

@testable import RelaisPersistence

@Suite("Directory store")
struct DirectoryStoreTests {
    @Test("PostgreSQL's expected rows are read from a plan's first line")
    func estimatedRows() {
        #expect(
            DirectoryStore.estimatedRows("Seq Scan on resource_services s  (cost=0.00..12776.01 rows=12034 width=4)")
                == 12034)
        #expect(
            DirectoryStore.estimatedRows("Bitmap Heap Scan on resource_services s  (cost=1.2..9.3 rows=1 width=4)") == 1
        )
        #expect(DirectoryStore.estimatedRows("Result") == nil)
    }

    @Test("a box reads the 4 km columns of longitude it crosses")
    func gridColumns() {
        #expect(DirectoryGrid.columns(from: -73.62, to: -73.57) == 8527...8528)
        #expect(DirectoryGrid.columns(from: -73.60, to: -73.60)?.count == 1)
        // near a pole a box spans every longitude: no list of columns (and no overflow)
        #expect(DirectoryGrid.columns(from: -1e300, to: 1e300) == nil)
        #expect(DirectoryGrid.columns(from: 179.99, to: 200) == 13599...13600)
    }
}
