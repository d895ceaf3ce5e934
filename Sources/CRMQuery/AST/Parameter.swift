/// A placeholder bound at run time: `$name` or `$1`.
public enum Parameter: Sendable, Hashable, CustomStringConvertible {
    /// `$name`, bound by name.
    case named(String)
    /// `$1`, `$2`, ...: bound by 1-based position.
    case positional(Int)

    /// The parameter as written, such as `$tier` or `$1`.
    public var description: String {
        switch self {
        case .named(let name): return "$" + name
        case .positional(let index): return "$\(index)"
        }
    }
}
