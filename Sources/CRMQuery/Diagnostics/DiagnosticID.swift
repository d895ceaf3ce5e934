/// The catalog of every diagnostic the query front end can report, sorted by id.
///
/// Each case has a stable kebab-case string id (its raw value) that tools and tests may rely on;
/// the human message is built where the problem is found and may change. Keep this list sorted
/// and add new cases here only, so the catalog stays the single place that names them.
public enum DiagnosticID: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// An aggregate such as `avg(score)` where a plain value is needed, or a field that is neither grouped nor aggregated.
    case aggregateNotAllowed = "aggregate-not-allowed"
    /// Arithmetic that cannot give a value: a result too large, a division by zero, a time
    /// beyond the years -99999 to 99999, or a working-time offset too far.
    case arithmeticError = "arithmetic-error"
    /// The statement was cancelled (Ctrl-C in the shell) before it finished; nothing of it
    /// was written.
    case cancelled = "cancelled"
    /// A dot-command in a script that is unknown, not for scripts (such as `.schema`), or
    /// given wrong arguments.
    case dotCommand = "dot-command"
    /// The same clause appears twice in one statement, such as two `where` clauses.
    case duplicateClause = "duplicate-clause"
    /// `define view` with a name that a saved view already has.
    case duplicateView = "duplicate-view"
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
    /// A view's name was expected, after `define view`, `drop view` or `run`.
    case expectedViewName = "expected-view-name"
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
    /// A statement that cannot be saved as a view: only `find`, `count` and `get` can.
    case invalidView = "invalid-view"
    /// A required field is missing from an `insert`, such as the customer of an interaction.
    case missingField = "missing-field"
    /// A `$name` or `$1` parameter that was not bound.
    case missingParameter = "missing-parameter"
    /// The record a statement names does not exist.
    case notFound = "not-found"
    /// A NUL byte in the source.
    case nulCharacter = "nul-character"
    /// An integer too large to represent.
    case numberOutOfRange = "number-out-of-range"
    /// An assignment to a field the store sets itself, such as `id`, `created` or `overdue`.
    case readOnlyField = "read-only-field"
    /// A statement nested too deeply or with too many conditions to process safely.
    case statementTooComplex = "statement-too-complex"
    /// The database is damaged: stored bytes the statement read could not be read back, or a
    /// write was refused because damage had been seen. Not the statement's fault.
    case storeDamaged = "store-damaged"
    /// The store refused the statement: a rule of the data was broken (see the message).
    case storeRejected = "store-rejected"
    /// `commit` or `rollback` without `begin`, or `begin` inside a transaction.
    case transactionState = "transaction-state"
    /// A value of the wrong type for its field or operator, such as a string compared with a timestamp.
    case typeMismatch = "type-mismatch"
    /// A token that does not fit where it appears, such as text after a complete statement.
    case unexpectedToken = "unexpected-token"
    /// A calendar name that no stored calendar has, as in `working_days(a, b, "cn")`.
    case unknownCalendar = "unknown-calendar"
    /// A word that is not a known entity.
    case unknownEntity = "unknown-entity"
    /// A name that is not a field of the entity.
    case unknownField = "unknown-field"
    /// A call of a function the language does not have, such as `dayz(late_by)`.
    case unknownFunction = "unknown-function"
    /// A word where a keyword was expected, close to a known keyword.
    case unknownKeyword = "unknown-keyword"
    /// An argument of `run VIEW(NAME: ...)` that the view has no `$NAME` for.
    case unknownParameter = "unknown-parameter"
    /// A name that is not a relation of the entity, in `any(...)`, `none(...)`, `count(...)` or `with`.
    case unknownRelation = "unknown-relation"
    /// A bare word that is not a value of an enum field, such as `tier = gold`.
    case unknownValue = "unknown-value"
    /// A `run` of a view that no saved view has, or a `drop view` of one.
    case unknownView = "unknown-view"
    /// The script's input could not be read to its end (a read error, or a `.read` file
    /// that cannot be opened).
    case unreadableScript = "unreadable-script"
    /// A string literal without its closing quote.
    case unterminatedString = "unterminated-string"

    /// The stable string id, such as `unterminated-string`.
    public var description: String { rawValue }
}
