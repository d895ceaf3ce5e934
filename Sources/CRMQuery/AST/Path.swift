/// A bare word or dotted path: a field (`due`), a related field (`customer.tier`), a custom
/// attribute (`attrs.region`), a relation (`interactions`) or an enum value or tag (`vip`).
///
/// The parser cannot tell these apart, so it keeps the words and lets the engine resolve them.
public struct Path: Sendable, Equatable, CustomStringConvertible {
    /// The dot-separated words, as written (case preserved).
    public var components: [String]
    /// Where the whole path is.
    public var range: SourceRange

    /// A path of `components` found at `range`.
    public init(components: [String], range: SourceRange) {
        self.components = components
        self.range = range
    }

    /// The components joined by dots, such as `customer.tier`.
    public var description: String {
        components.count == 1 ? components[0] : components.joined(separator: ".")
    }
}
