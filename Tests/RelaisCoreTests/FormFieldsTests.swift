import Foundation
import RelaisCore
import Testing

@Suite("Form bodies")
struct FormFieldsTests {
    @Test("reads fields as browsers and partners send them: + is a space, %XX a byte, names repeat")
    func fields() {
        let form = FormFields("a=1+2&b=%C3%A9t%C3%A9&vulnerabilities%5B%5D=minor&vulnerabilities[]=elderly&empty=&flag")
        #expect(form.first("a") == "1 2")
        #expect(form.first("b") == "été")
        #expect(form.values("vulnerabilities[]") == ["minor", "elderly"])
        #expect(form.first("empty") == "" && form.first("flag") == "")
        #expect(form.first("absent") == nil)
    }

    @Test("a malformed escape or bytes that are not UTF-8 never fail the body", arguments: ["%", "%4", "%zz", "%%41"])
    func malformed(_ text: String) {
        #expect(FormFields("x=\(text)").first("x") == text.replacingOccurrences(of: "%41", with: "A"))
        #expect(FormFields([UInt8(ascii: "x"), UInt8(ascii: "="), 0xFF, 0xC3]).first("x") == "\u{FFFD}\u{FFFD}")
    }

    @Test("numbers from the intake page that cannot be a count are refused by name, not trapped (1e300 stopped it)")
    func counts() throws {
        for text in ["1e300", "-1e300", "inf", "nan", "9223372036854775808", "abc"] {
            var page = IntakePageForm()
            page.peopleCount = text
            page.overridePriority = text
            let form = page.intakeForm
            #expect(form.peopleCount == -1 || form.peopleCount == nil)
            #expect(form.overridePriority == -1 || form.overridePriority == nil)
        }
        var page = IntakePageForm()
        page.peopleCount = " 3 "
        page.latitude = "45,5155"
        #expect(page.intakeForm.peopleCount == 3 && page.intakeForm.latitude == 45.5155)
    }
}
