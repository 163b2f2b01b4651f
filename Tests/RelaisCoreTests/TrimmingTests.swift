import Foundation
import RelaisCore
import Testing

@Suite("Trimming form text")
struct TrimmingTests {
    @Test(
        "white space and line breaks around the text go, as with Foundation's, and the text inside stays",
        arguments: [
            "  Marie Tremblay  ", "\t514-555-0101\r\n", "\u{00A0}rue Sainte-Catherine\u{2003}",
            "\u{3000}\u{2028}x\u{0085}",
            "deux  mots", "", "   \n\t ", "é\u{0301} ", "\u{200B}zero width\u{200B}",
        ])
    func likeFoundation(_ text: String) {
        #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("every Unicode scalar is blank for both or for neither")
    func everyScalar() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a\(Character(scalar))"
            #expect(
                text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "U+\(String(value, radix: 16, uppercase: true))")
        }
    }

    @Test("an empty or blank optional is nil; other text comes back trimmed")
    func optional() {
        #expect(Optional<String>.none.trimmedNonEmpty == nil)
        #expect(Optional(" \n ").trimmedNonEmpty == nil)
        #expect(Optional(" Refuge ").trimmedNonEmpty == "Refuge")
    }
}
