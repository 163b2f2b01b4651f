import Foundation

/// Reads the target organisations' addresses of an invitation: one per line (or separated by commas, semicolons or
/// spaces), 200 at most, each one an address an envelope can carry.
public enum InvitationRules {
    /// - Throws: ``ValidationError`` naming `invitees`.
    public static func invitees(_ text: String?) throws(ValidationError) -> [String] {
        let addresses = (text ?? "").split { $0.isNewline || $0 == "," || $0 == ";" || $0 == " " }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard addresses.count <= 200, addresses.allSatisfy(MailAddress.isPlain) else {
            throw ValidationError([FieldProblem(field: "invitees", messageKey: "committees.error.invitees")])
        }
        return addresses
    }
}
