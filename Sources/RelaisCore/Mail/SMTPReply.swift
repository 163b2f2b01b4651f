/// An SMTP server's reply (RFC 5321 §4.2): a three-digit code and its lines, possibly several ("250-…" then "250 …").
public struct SMTPReply: Sendable, Equatable {
    public let code: Int
    public let lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4yz: try again later.
    public var isTransient: Bool { (400..<500).contains(code) }
    /// The server's extensions, from an EHLO reply's lines after the greeting (upper-cased keywords).
    public var extensions: Set<String> {
        Set(lines.dropFirst().compactMap { $0.split(separator: " ").first.map { $0.uppercased() } })
    }

    /// Accumulates reply lines as they arrive; yields a reply at its last line.
    public struct Reader: Sendable {
        private var code: Int?
        private var lines: [String] = []

        public init() {}

        /// Feeds one line (without CRLF).
        /// - Returns: the whole reply when this line ends it.
        /// - Throws: ``Malformed`` when the line is not "NNN text" / "NNN-text", or a continuation changes the code.
        public mutating func read(_ line: String) throws(Malformed) -> SMTPReply? {
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes.count <= 2048, bytes[0..<3].allSatisfy({ (0x30...0x39).contains($0) }),
                bytes.count == 3 || bytes[3] == 0x20 || bytes[3] == 0x2D
            else { throw Malformed(line: String(line.prefix(80))) }
            let value = Int(bytes[0] - 0x30) * 100 + Int(bytes[1] - 0x30) * 10 + Int(bytes[2] - 0x30)
            if let code, code != value { throw Malformed(line: String(line.prefix(80))) }
            code = value
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            guard lines.count <= 100 else { throw Malformed(line: "too many lines") }
            if bytes.count == 3 || bytes[3] == 0x20 {
                defer {
                    code = nil
                    lines = []
                }
                return SMTPReply(code: value, lines: lines)
            }
            return nil
        }
    }

    /// A reply that is not SMTP.
    public struct Malformed: Error, Equatable, Sendable {
        public let line: String
    }
}
