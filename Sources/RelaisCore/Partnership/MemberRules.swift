/// The rules of the form that adds a member: a name, an e-mail (to find the person again and send invitations), an
/// optional phone, the organisation they come from, whether they serve for the police or as a civilian, their
/// position, and when their term starts (within ten years of today: a first term may be recorded late).
public enum MemberRules {
    /// - Throws: ``ValidationError`` naming `name`, `email`, `phone`, `origin`, `side`, `position`, `start`.
    public static func read(
        name: String?, email: String?, phone: String?, origin: String?, side: String?, position: String?,
        start: String?, language: String?, today: String
    ) throws(ValidationError) -> (
        identity: MemberIdentity, origin: String, side: MemberSide, language: Language, position: CommitteePosition,
        startsOn: String
    ) {
        var problems: [FieldProblem] = []
        func problem(_ field: String) {
            problems.append(FieldProblem(field: field, messageKey: "committees.error.member_\(field)"))
        }
        let name = name.trimmedNonEmpty
        if name == nil || name!.count > 120 { problem("name") }
        let email = email.trimmedNonEmpty?.lowercased()
        if email == nil || !MailAddress.isPlain(email!) { problem("email") }
        let phone = phone.trimmedNonEmpty ?? ""
        if phone.count > 40 { problem("phone") }
        let origin = origin.trimmedNonEmpty
        if origin == nil || origin!.count > 200 { problem("origin") }
        let side = side.flatMap(MemberSide.init(rawValue:))
        if side == nil { problem("side") }
        let position = position.flatMap(CommitteePosition.init(rawValue:))
        if position == nil { problem("position") }
        let start = start.trimmedNonEmpty ?? today
        if CivilDay.days(from: today, to: start).map({ abs($0) > 3_660 }) ?? true { problem("start") }
        guard problems.isEmpty, let name, let email, let origin, let side, let position else {
            throw ValidationError(problems)
        }
        return (
            MemberIdentity(name: name, email: email, phone: phone), origin, side,
            Language(rawValue: language ?? "fr") ?? .french, position, start
        )
    }
}
