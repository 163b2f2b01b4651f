extension IntakeForm {
    /// The form in a JSON object, read with ``JSONText`` rather than Foundation's decoder (a tenth of an intake's
    /// work under load, docs/PERFORMANCE.md). Nil when the text is not an object whose known members have the expected
    /// types: the caller then decodes it the usual way, which names the problem. Unknown members are ignored and
    /// `null` reads as absent, as with `Codable`; an integer may be written `2.0`, as JSON Schema allows.
    public init?(json bytes: some Collection<UInt8>) {
        guard let document = try? JSONText.parse(bytes), case .object(let members) = document else { return nil }
        var valid = true
        func string(_ key: String) -> String? {
            switch members[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default:
                valid = false
                return nil
            }
        }
        func flag(_ key: String) -> Bool? {
            switch members[key] {
            case nil, .null?: return nil
            case .bool(let value)?: return value
            default:
                valid = false
                return nil
            }
        }
        func number(_ key: String) -> Double? {
            switch members[key] {
            case nil, .null?: return nil
            case .number(let value)?: return value
            default:
                valid = false
                return nil
            }
        }
        func integer(_ key: String) -> Int? {
            guard let value = number(key) else { return nil }
            guard value == value.rounded(), abs(value) < 9e15 else {
                valid = false
                return nil
            }
            return Int(value)
        }
        func strings(_ key: String) -> [String]? {
            switch members[key] {
            case nil, .null?: return nil
            case .array(let items)?:
                var texts: [String] = []
                for item in items {
                    guard case .string(let text) = item else {
                        valid = false
                        return nil
                    }
                    texts.append(text)
                }
                return texts
            default:
                valid = false
                return nil
            }
        }
        self.init()
        source = string("source")
        policeEventNumber = string("policeEventNumber")
        anonymous = flag("anonymous")
        callerName = string("callerName")
        callback = string("callback")
        address = string("address")
        latitude = number("latitude")
        longitude = number("longitude")
        situation = string("situation")
        description = string("description")
        peopleCount = integer("peopleCount")
        vulnerabilities = strings("vulnerabilities")
        immediateDangerToLife = flag("immediateDangerToLife")
        weapon = flag("weapon")
        crimeInProgress = flag("crimeInProgress")
        medicalEmergency = flag("medicalEmergency")
        overrideOutcome = string("overrideOutcome")
        overridePriority = integer("overridePriority")
        overrideReason = string("overrideReason")
        guard valid else { return nil }
    }
}
