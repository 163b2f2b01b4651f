import Foundation
import RelaisCore
import Testing

@Suite("Audit hash chain")
struct AuditChainTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let keyed = AuditChain(deploymentKey: [UInt8](repeating: 7, count: 32))

    func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 0..<count {
            let record = AuditRecord(
                actor: nil, action: .signInFailed, outcome: .failure, resourceType: .user, resourceID: "u\(index)")
            entries.append(keyed.append(record, after: entries.last, at: start.addingTimeInterval(Double(index))))
        }
        return entries
    }

    @Test("an untouched chain verifies, from the genesis hash")
    func intact() {
        let entries = chain(5)
        #expect(entries.first?.previousHash == AuditEntry.genesisHash)
        #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(keyed.verify(entries, after: nil) == nil)
    }

    @Test("an edited entry is reported at its own sequence")
    func edited() {
        var entries = chain(5)
        entries[2].purpose = "changed later"
        #expect(keyed.verify(entries, after: nil) == .init(sequence: 3, reason: .contentChanged))
    }

    @Test("a removed entry breaks the link of the one after it")
    func removed() {
        var entries = chain(5)
        entries.remove(at: 1)
        #expect(keyed.verify(entries, after: nil)?.sequence == 3)
    }

    @Test("a rewritten entry with a fresh hash still breaks the next link")
    func rehashed() {
        var entries = chain(4)
        entries[1].resourceID = "someone else"
        entries[1].hash = keyed.hash(of: entries[1])
        #expect(keyed.verify(entries, after: nil) == .init(sequence: 3, reason: .linkBroken))
    }

    @Test("without the key, an edited entry and every hash after it cannot be made to verify")
    func rewrittenWithoutTheKey() {
        var entries = chain(5)
        entries[2].purpose = "changed later"
        // what someone with the database but not the key can do: recompute every hash from there
        for index in 2..<entries.count {
            entries[index].previousHash = entries[index - 1].hash
            entries[index].hash = AuditChain.unkeyed.hash(of: entries[index])
        }
        #expect(keyed.verify(entries, after: nil) == .init(sequence: 3, reason: .contentChanged))
        let otherKey = AuditChain(deploymentKey: [UInt8](repeating: 8, count: 32))
        #expect(otherKey.verify(chain(3), after: nil) == .init(sequence: 1, reason: .contentChanged))
    }

    @Test("an anchor reads back what it prints, and refuses anything else")
    func anchors() throws {
        let head = try #require(chain(3).last)
        let anchor = AuditChain.Anchor(head)
        #expect(AuditChain.Anchor(anchor.description) == anchor)
        #expect(AuditChain.Anchor(" \(anchor) ") == anchor)
        for text in [
            "", "3", "0:\(head.hash)", "-1:\(head.hash)", "3:\(head.hash.uppercased())", "3:abc",
            "99999999999999999999:\(head.hash)", "3:\(head.hash):x",
        ] {
            #expect(AuditChain.Anchor(text) == nil, "\(text)")
        }
    }

    @Test("verification can continue after a page")
    func paged() {
        let entries = chain(6)
        #expect(keyed.verify(entries[3...], after: entries[2]) == nil)
    }
}

@Suite("Hexadecimal text")
struct HexadecimalTests {
    @Test("bytes become lowercase pairs of digits")
    func pairs() {
        #expect([UInt8]([0x00, 0x0f, 0xa5, 0xff]).hexadecimal == "000fa5ff")
        #expect([UInt8]().hexadecimal == "")
    }
}
