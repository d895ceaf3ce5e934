/// Every keyword of the query language, matched case-insensitively.
///
/// Entity names (`customer`), aggregate names (`min`, `avg`) and relation names are not
/// keywords: they are identifiers with a meaning in context. The grammar (`Grammar/crm.ebnf`)
/// writes keywords in single quotes, and a test checks that both lists agree.
public enum Keyword: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `and`.
    case and
    /// `any`.
    case any
    /// `as`.
    case `as`
    /// `asc`.
    case asc
    /// `begin`.
    case begin
    /// `by`.
    case by
    /// `cascade`.
    case cascade
    /// `commit`.
    case commit
    /// `contains`.
    case contains
    /// `count`.
    case count
    /// `day`.
    case day
    /// `days`.
    case days
    /// `define`.
    case define
    /// `delete`.
    case delete
    /// `desc`.
    case desc
    /// `drop`.
    case drop
    /// `explain`.
    case explain
    /// `false`.
    case `false`
    /// `find`.
    case find
    /// `get`.
    case get
    /// `group`.
    case group
    /// `history`.
    case history
    /// `in`.
    case `in`
    /// `insert`.
    case insert
    /// `is`.
    case `is`
    /// `last`.
    case last
    /// `limit`.
    case limit
    /// `month`.
    case month
    /// `months`.
    case months
    /// `next`.
    case next
    /// `none`.
    case none
    /// `not`.
    case not
    /// `now`.
    case now
    /// `null`.
    case null
    /// `offset`.
    case offset
    /// `or`.
    case or
    /// `order`.
    case order
    /// `quarter`.
    case quarter
    /// `rollback`.
    case rollback
    /// `run`.
    case run
    /// `select`.
    case select
    /// `set`.
    case set
    /// `starts`.
    case starts
    /// `this`.
    case this
    /// `today`.
    case today
    /// `tomorrow`.
    case tomorrow
    /// `true`.
    case `true`
    /// `update`.
    case update
    /// `week`.
    case week
    /// `weeks`.
    case weeks
    /// `where`.
    case `where`
    /// `with`.
    case with
    /// `year`.
    case year
    /// `yesterday`.
    case yesterday

    /// The keywords that begin a statement, in the order messages list them.
    public static let statementKeywords: [Keyword] = [
        .insert, .get, .find, .count, .update, .delete, .history, .define, .drop, .run, .begin, .commit,
        .rollback, .explain,
    ]

    /// The clause keywords that continue the statement before them when they start a line:
    /// `find customers` then a line `where tier = vip` is one statement. None of them can
    /// begin a statement, so a line that starts with one can only mean this. The one rule of
    /// statement continuation, used by the parser (``Parser``) and so by scripts, `-c` and
    /// the shell alike; `Grammar/crm.ebnf` states it in its header.
    public static let continuation: Set<Keyword> = [
        .where, .select, .order, .group, .limit, .offset, .with, .and, .or,
    ]

    /// Keywords that may also be used as a field name or bare word where a value or path is
    /// expected, because they only mean something right after another keyword (`by` is also the
    /// interaction field `by`).
    public static let soft: Set<Keyword> = [
        .as, .asc, .by, .cascade, .day, .days, .define, .desc, .drop, .month, .months, .quarter, .run,
        .week, .weeks, .year,
    ]

    /// Looks up a word case-insensitively; `nil` if it is not a keyword.
    public init?(word: String) {
        // Most words are not keywords, and most are written in lower case: a word longer
        // than every keyword is none, and one with no capital is looked up as it is.
        let length = word.utf8.count
        guard length <= Keyword.longest else { return nil }
        let lowered =
            word.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }
            ? word.lowercased() : word
        guard let keyword = Keyword.byLowercasedName[lowered] else { return nil }
        self = keyword
    }

    /// The length in bytes of the longest keyword; a longer word is none, in any case.
    private static let longest = allCases.map(\.rawValue.utf8.count).max() ?? 0

    /// The lower-case spelling.
    public var description: String { rawValue }

    private static let byLowercasedName: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
}
