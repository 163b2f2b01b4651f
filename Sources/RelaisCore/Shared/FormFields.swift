/// The fields of an `application/x-www-form-urlencoded` body (or a query string), in order: `+` is a space,
/// `%XX` a byte, and the bytes UTF-8. A malformed escape is kept as it was typed, and bytes that are not UTF-8
/// become U+FFFD, so that no body fails to parse: what is wrong is then named by the rules that read the fields.
public struct FormFields: Sendable, Equatable {
    /// A field as sent.
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    /// Every field, in the order sent; a name may repeat.
    public let fields: [Field]

    public init(_ bytes: some Collection<UInt8>) {
        fields = Array(bytes).split(separator: UInt8(ascii: "&")).map { field in
            let equals = field.firstIndex(of: UInt8(ascii: "="))
            return Field(
                name: Self.decode(field[..<(equals ?? field.endIndex)]),
                value: equals.map { Self.decode(field[($0 + 1)...]) } ?? "")
        }
    }

    public init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The first value of `name`, if sent.
    public func first(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex, let high = hex(bytes[index + 1]),
                let low = hex(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
