/// A time expression that cannot be used where it stands, such as a range where one instant is
/// needed (`due = last 30 days`), or a date whose text is malformed.
///
/// The message is for people and names the offending text:
///
///     catch let error { print(error.message) }
///     // 'last 30 days' is a range of time, not one instant; ...
public struct TimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in words, naming the literal as written.
    public let message: String

    /// The message.
    public var description: String { message }
}
