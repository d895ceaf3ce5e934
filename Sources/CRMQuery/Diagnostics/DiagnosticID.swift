/// The catalog of every diagnostic the query front end can report, sorted by id.
///
/// Each case has a stable kebab-case string id (its raw value) that tools and tests may rely on;
/// the human message is built where the problem is found and may change. Keep this list sorted
/// and add new cases here only, so the catalog stays the single place that names them.
public enum DiagnosticID: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The same clause appears twice in one statement, such as two `where` clauses.
    case duplicateClause = "duplicate-clause"
    /// A statement keyword was expected but something else came.
    case expectedClause = "expected-clause"
    /// An entity name (`customer`, `interaction`, `promise`) was expected.
    case expectedEntity = "expected-entity"
    /// A boolean expression was expected, for example after `where` or `and`.
    case expectedExpression = "expected-expression"
    /// A field name was expected, for example inside `{...}` or after `set`.
    case expectedFieldName = "expected-field-name"
    /// An integer or a parameter was expected, for example after `limit`.
    case expectedInteger = "expected-integer"
    /// A specific keyword was expected, such as `by` after `order`.
    case expectedKeyword = "expected-keyword"
    /// A comparison operator was expected, for example after `count(REL)`.
    case expectedOperator = "expected-operator"
    /// A statement was expected at the start of a line.
    case expectedStatement = "expected-statement"
    /// A time unit was expected, for example after `last 30`.
    case expectedTimeUnit = "expected-time-unit"
    /// A specific punctuation token was expected, such as `)` or `:`.
    case expectedToken = "expected-token"
    /// A value was expected, for example after `=` or `:`.
    case expectedValue = "expected-value"
    /// A character that cannot start any token.
    case invalidCharacter = "invalid-character"
    /// A date or date-time literal with an impossible field, such as month 13.
    case invalidDate = "invalid-date"
    /// A backslash escape that is not one of `\" \\ \n \t \u{...}`.
    case invalidEscape = "invalid-escape"
    /// A statement that cannot be explained, such as `explain begin`.
    case invalidExplain = "invalid-explain"
    /// A malformed number, such as `1.` or `12abc`.
    case invalidNumber = "invalid-number"
    /// A relative time offset with an unknown unit, such as `+5x`.
    case invalidOffset = "invalid-offset"
    /// A `$` not followed by a parameter name or number.
    case invalidParameter = "invalid-parameter"
    /// Bytes that are not valid UTF-8 (seen as U+FFFD after decoding).
    case invalidUTF8 = "invalid-utf8"
    /// A NUL byte in the source.
    case nulCharacter = "nul-character"
    /// An integer too large to represent.
    case numberOutOfRange = "number-out-of-range"
    /// A statement nested too deeply or with too many conditions to process safely.
    case statementTooComplex = "statement-too-complex"
    /// A token that does not fit where it appears, such as text after a complete statement.
    case unexpectedToken = "unexpected-token"
    /// A word that is not a known entity.
    case unknownEntity = "unknown-entity"
    /// A word where a keyword was expected, close to a known keyword.
    case unknownKeyword = "unknown-keyword"
    /// A string literal without its closing quote.
    case unterminatedString = "unterminated-string"

    /// The stable string id, such as `unterminated-string`.
    public var description: String { rawValue }
}
