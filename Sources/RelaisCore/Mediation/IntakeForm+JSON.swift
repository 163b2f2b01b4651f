extension IntakeForm {
    /// The form in a JSON object, read with ``JSONText`` rather than Foundation's decoder (a tenth of an intake's
    /// work under load, docs/PERFORMANCE.md). Nil when the text is not an object whose known members have the expected
    /// types: the caller then decodes it the usual way, which names the problem. Unknown members are ignored and
    /// `null` reads as absent, as with `Codable`; an integer may be written `2.0`, as JSON Schema allows.
    public init?(json bytes: some Collection<UInt8>) {
        guard let document = try? JSONText.parse(bytes), case .object(let members) = document else { return nil }
        var valid = true
        /// A member read by `read`; absent or `null` is nil, another type makes the whole reading fail.
        func member<Value>(_ key: String, _ read: (JSONValue) -> Value?) -> Value? {
            guard let value = members[key], value != .null else { return nil }
            guard let read = read(value) else {
                valid = false
                return nil
            }
            return read
        }
        func string(_ key: String) -> String? { member(key) { $0.string } }
        func flag(_ key: String) -> Bool? {
            member(key) { if case .bool(let flag) = $0 { flag } else { nil } }
        }
        func number(_ key: String) -> Double? {
            member(key) { if case .number(let number) = $0 { number } else { nil } }
        }
        func integer(_ key: String) -> Int? {
            member(key) { value in
                guard case .number(let number) = value, number == number.rounded(), abs(number) < 9e15 else {
                    return nil
                }
                return Int(number)
            }
        }
        func strings(_ key: String) -> [String]? {
            member(key) { value in
                guard let items = value.array else { return nil }
                let texts = items.compactMap(\.string)
                return texts.count == items.count ? texts : nil
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
