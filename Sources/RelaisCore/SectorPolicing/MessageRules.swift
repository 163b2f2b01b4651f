import Foundation

/// The rules of a resident's message, from the public form to its closing. Every step checks what was sent and
/// where the message is, and throws before anything changes.
public enum MessageRules {
    public static let maximumBodyLength = 4_000
    public static let minimumBodyLength = 10
    public static let maximumPlaceLength = 200
    public static let maximumNameLength = 80
    public static let maximumStepLength = 4_000
    /// The safety questions asked first; a "yes" to any answers with 911 and queues nothing.
    public static let safetyQuestions = ["dangerNow", "crimeNow", "medicalNow"]
    /// Sends allowed per device and per network address in an hour (the sign-in throttle's rule, reused).
    public static let sendLimits = SignInThrottle(maximumPerAccount: 3, maximumPerAddress: 10, window: 3_600)

    /// The public form's fields, as sent.
    public struct Form: Sendable, Equatable {
        public var safety: [String: String?]
        public var topic: String?
        public var place: String?
        public var latitude: String?
        public var longitude: String?
        public var replyBy: String?
        public var phone: String?
        public var email: String?
        public var name: String?
        public var body: String?
        /// A field people never see: a value means a robot filled the form.
        public var website: String?

        public init(
            safety: [String: String?] = [:], topic: String? = nil, place: String? = nil, latitude: String? = nil,
            longitude: String? = nil, replyBy: String? = nil, phone: String? = nil, email: String? = nil,
            name: String? = nil, body: String? = nil, website: String? = nil
        ) {
            self.safety = safety
            self.topic = topic
            self.place = place
            self.latitude = latitude
            self.longitude = longitude
            self.replyBy = replyBy
            self.phone = phone
            self.email = email
            self.name = name
            self.body = body
            self.website = website
        }
    }

    /// The message a form makes. The safety questions are checked first: an unanswered one is a field problem, a
    /// "yes" refuses the whole message with ``MessageRefusal/emergency``.
    /// - Throws: ``MessageRefusal/robot`` when the hidden field is filled; ``ValidationError`` naming each wrong
    ///   field; ``MessageRefusal/emergency``.
    public static func compose(_ form: Form) throws -> MessageContent {
        if form.website.trimmedNonEmpty != nil { throw MessageRefusal.robot }
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ key: String) { problems.append(FieldProblem(field: field, messageKey: key)) }
        var emergency = false
        for question in safetyQuestions {
            switch form.safety[question] ?? nil {
            case "yes": emergency = true
            case "no": break
            default: problem(question, "reso.error.safety")
            }
        }
        if emergency { throw MessageRefusal.emergency }
        let topic = form.topic.flatMap(MessageTopic.init(rawValue:))
        if topic == nil { problem("topic", "reso.error.topic") }
        let place = form.place.trimmedNonEmpty
        if place == nil || form.place!.count > maximumPlaceLength { problem("place", "reso.error.place") }
        var latitude: Double?
        var longitude: Double?
        if let latitudeText = form.latitude.trimmedNonEmpty, let longitudeText = form.longitude.trimmedNonEmpty {
            guard latitudeText.count < 24, longitudeText.count < 24, let lat = Double(latitudeText),
                let lon = Double(longitudeText), (try? GeoPoint(latitude: lat, longitude: lon)) != nil
            else {
                problem("place", "reso.error.place")
                throw ValidationError(problems)
            }
            latitude = lat
            longitude = lon
        }
        let replyBy = form.replyBy.flatMap(ReplyChannel.init(rawValue:))
        var contact: String?
        switch replyBy {
        case .phone:
            contact = form.phone.trimmedNonEmpty.flatMap(OfficerRules.cellDigits)
            if contact == nil { problem("phone", "reso.error.phone") }
        case .email:
            contact = form.email.trimmedNonEmpty
            if let address = contact, address.count > 254 || !MailAddress.isPlain(address) {
                contact = nil
            }
            if contact == nil { problem("email", "reso.error.email") }
        case nil:
            problem("replyBy", "reso.error.reply_by")
        }
        let name = form.name.trimmedNonEmpty
        if (name?.count ?? 0) > maximumNameLength { problem("name", "reso.error.name") }
        let body = form.body.trimmedNonEmpty
        let length = form.body?.count ?? 0
        if length > maximumBodyLength {
            problem("body", "reso.error.body_too_long")
        } else if (body?.count ?? 0) < minimumBodyLength {
            problem("body", "reso.error.body")
        }
        guard problems.isEmpty, let topic, let place, let replyBy, let contact, let body else {
            throw ValidationError(problems)
        }
        return MessageContent(
            topic: topic, place: place, latitude: latitude, longitude: longitude, replyBy: replyBy, contact: contact,
            name: name, body: body)
    }

    /// A step of the follow-up: an e-mail needs a message that asked for one; every step needs text; nothing
    /// follows a closed message.
    /// - Throws: ``MessageRefusal`` or ``ValidationError`` (`text`).
    public static func step(
        _ kind: MessageStep.Kind, text: String?, on message: inout ResidentMessage, by author: User.ID, now: Date
    ) throws -> MessageStep {
        guard message.status != .closed else { throw MessageRefusal.closed }
        guard kind != .escalated else { throw MessageRefusal.closed }
        if kind == .emailed && message.content.replyBy != .email { throw MessageRefusal.noEmail }
        guard let text = text.trimmedNonEmpty, text.count <= maximumStepLength else {
            throw ValidationError([FieldProblem(field: "text", messageKey: "reso.error.step_text")])
        }
        if kind.answers {
            if message.firstReplyAt == nil { message.firstReplyAt = now }
            message.status = .answered
        }
        if kind == .closed { message.status = .closed }
        return MessageStep(kind: kind, at: now, authorID: author, text: text)
    }

    /// A new reference: `RESO-` and eight characters of Crockford's base 32 (no I, L, O, U), in two groups.
    public static func reference<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let characters = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return "RESO-" + String(characters[0..<4]) + "-" + String(characters[4..<8])
    }
}

/// Why a message or a step was refused; nothing was kept.
public enum MessageRefusal: DomainError, Equatable {
    /// A safety question was answered "yes": call 911 now.
    case emergency
    /// The hidden field was filled.
    case robot
    /// Too many messages from this device or address in the last hour.
    case tooMany
    /// The message is closed.
    case closed
    /// The resident asked to be called, not written to.
    case noEmail
    /// No officer of the service can receive messages (none is set up yet).
    case noOfficer

    public var code: String {
        switch self {
        case .emergency: "message.emergency"
        case .robot: "message.refused"
        case .tooMany: "message.too_many"
        case .closed: "message.closed"
        case .noEmail: "message.no_email"
        case .noOfficer: "message.no_officer"
        }
    }

    public var messageKey: String {
        switch self {
        case .emergency: "reso.refusal.emergency"
        case .robot: "reso.refusal.robot"
        case .tooMany: "reso.refusal.too_many"
        case .closed: "reso.refusal.closed"
        case .noEmail: "reso.refusal.no_email"
        case .noOfficer: "reso.refusal.no_officer"
        }
    }

    public var kind: FailureKind {
        switch self {
        case .tooMany: .throttled
        case .robot: .invalidInput
        case .emergency, .closed, .noEmail, .noOfficer: .conflict
        }
    }
}
