import Foundation

/// Comma-separated values as RFC 4180 writes them: quoted fields may hold commas, quotes (doubled) and line breaks.
public enum CSV {
    /// A record and the line of the file it starts on.
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    /// Why a file could not be read.
    public struct Malformed: Error, Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    /// Reads every record (a byte-order mark is skipped; blank lines are ignored).
    public static func parse(_ text: String) throws(Malformed) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        func endRecord() {
            fields.append(field)
            if fields != [""] { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
        }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            default:
                if afterQuote { throw Malformed(line: line, message: "text after a closing quote") }
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Malformed(line: recordLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// Writes records, quoting the fields that need it, with CRLF line ends. Quotes are found and doubled scalar by
    /// scalar, as ``parse(_:)`` reads them: a quote followed by a combining mark is one `Character` in Swift but
    /// still a quote in the file.
    public static func write(_ records: [[String]]) -> String {
        records.map { record in
            record.map { field in
                let scalars = field.unicodeScalars
                guard scalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
                    return field
                }
                var quoted = String.UnicodeScalarView()
                quoted.append("\"")
                for scalar in scalars {
                    quoted.append(scalar)
                    if scalar == "\"" { quoted.append("\"") }
                }
                quoted.append("\"")
                return String(quoted)
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}
