/// An enum field's type: its cases have names (as the query language writes them) and
/// one-byte codes (as the file stores them).
///
/// A case's code is its position in `allCases`: never reorder or remove cases, only append,
/// or existing files would read back wrong values.
public protocol RecordEnum: RawRepresentable<String>, CaseIterable, Hashable, Sendable
where AllCases == [Self] {
    /// What the field is called in messages: "tier", "interaction kind".
    static var label: String { get }
}

extension RecordEnum {
    /// The case's name, as written in queries and printed in results: `vip`, `in_person`.
    public var name: String { rawValue }

    /// The one-byte code stored in records and index keys.
    public var code: UInt8 {
        UInt8(truncatingIfNeeded: Self.allCases.firstIndex(of: self) ?? 0)
    }

    /// The case stored as `code`, or nil for a code this version does not know.
    public init?(code: UInt8) {
        let cases = Self.allCases
        guard Int(code) < cases.count else { return nil }
        self = cases[Int(code)]
    }

    /// The case called `name`, ignoring case.
    ///
    /// - Throws: `StoreError` `.invalidValue` naming the field and listing the valid names.
    public static func named(_ name: String) throws -> Self {
        let folded = name.lowercased()
        if let match = allCases.first(where: { $0.rawValue == folded }) { return match }
        let names = allCases.map(\.rawValue).joined(separator: ", ")
        throw StoreError(.invalidValue, "unknown \(label) '\(name)' (expected one of: \(names))")
    }
}

/// Whether a customer is a person or an organization.
public enum CustomerKind: String, RecordEnum {
    /// A single person.
    case person
    /// A company or other organization. The default.
    case organization
    /// "customer kind".
    public static let label = "customer kind"
}

/// How important a customer is.
public enum CustomerTier: String, RecordEnum {
    /// The default.
    case standard
    /// A key customer: surveyed twice a year, say.
    case key
    /// A very important customer.
    case vip
    /// "tier".
    public static let label = "tier"
}

/// Where a customer stands.
public enum CustomerStatus: String, RecordEnum {
    /// Not yet a customer.
    case prospect
    /// A current customer. The default.
    case active
    /// A customer with no current business.
    case inactive
    /// A customer who left.
    case lost
    /// "customer status".
    public static let label = "customer status"
}

/// What kind of contact an interaction was.
public enum InteractionKind: String, RecordEnum {
    /// A phone call.
    case call
    /// An email.
    case email
    /// A visit.
    case visit
    /// A meeting.
    case meeting
    /// A chat or text message.
    case message
    /// A letter.
    case letter
    /// A complaint.
    case complaint
    /// An enquiry.
    case enquiry
    /// A suggestion.
    case suggestion
    /// A satisfaction survey, usually with a score.
    case survey
    /// A service or repair.
    case service
    /// A care call or gesture.
    case care
    /// An internal note.
    case note
    /// "interaction kind".
    public static let label = "interaction kind"
}

/// The channel an interaction came through.
public enum Channel: String, RecordEnum {
    /// By phone.
    case phone
    /// By email.
    case email
    /// By chat.
    case chat
    /// On social media.
    case social
    /// Face to face.
    case inPerson = "in_person"
    /// By letter.
    case letter
    /// By fax.
    case fax
    /// On the web.
    case web
    /// Any other way.
    case other
    /// "channel".
    public static let label = "channel"
}

/// Who started an interaction.
public enum InteractionDirection: String, RecordEnum {
    /// The customer contacted us. The default.
    case inbound
    /// We contacted the customer.
    case outbound
    /// "interaction direction".
    public static let label = "interaction direction"
}

/// Who made a promise to whom.
public enum PromiseDirection: String, RecordEnum {
    /// We promised the customer. The default.
    case toCustomer = "to_customer"
    /// The customer promised us.
    case fromCustomer = "from_customer"
    /// "promise direction".
    public static let label = "promise direction"
}

/// Where a promise stands.
public enum PromiseStatus: String, RecordEnum {
    /// Not yet kept or broken. The default.
    case pending
    /// Kept.
    case kept
    /// Broken.
    case broken
    /// Withdrawn by agreement.
    case cancelled
    /// "promise status".
    public static let label = "promise status"
}
