import CRMQuery
import CRMStore
import Foundation

/// Binds an insert's record on a script's reading thread, while the runner's thread writes
/// the statements before it: in a bulk script, binding the inserts' values is a tenth of
/// what the writing thread does.
///
/// Only an insert whose values mean the same in any session is bound ahead: fields of the
/// record itself (no `attrs`, whose declarations the store holds), and literals that read
/// no parameter, clock or time zone: numbers, booleans, `null`, strings (except for a time),
/// enum words, tags, and date-times written with `Z`. Anything else, and any statement
/// that fails to bind, is left to the runner, which binds it as usual and reports its
/// errors; so a record bound here is exactly the one the runner would have bound.
enum InsertPrebinding {
    /// The record `statement` inserts, when it can be bound ahead; nil otherwise.
    static func values(of statement: Statement) -> RecordValues? {
        guard case .insert(let insert) = statement.kind, let time = context else { return nil }
        let entity = insert.entity.entity
        for field in insert.fields {
            guard let info = Schema.field(field.name, of: entity), meansTheSame(field.value, for: info.type)
            else { return nil }
        }
        let binder = Binder(entity: entity, parameters: Parameters(), time: time)
        return try? Executor.values(of: insert, binder)
    }

    /// A clock and zone for the binder. No value bound ahead reads them (`meansTheSame`);
    /// they are there because a binder has them.
    private static let context: TimeContext? = TimeZone(identifier: "UTC").map {
        TimeContext(now: Timestamp(microseconds: 0), timeZone: $0)
    }

    /// Whether `value` binds to the same field value for a field of `type` in any session.
    static func meansTheSame(_ value: Value, for type: FieldType) -> Bool {
        switch value.kind {
        case .null, .integer, .decimal, .boolean: return true
        // A string parses as a time in the session's zone.
        case .string: return type != .timestamp
        case .path(let path):
            guard path.components.count == 1 else { return false }
            switch type {
            case .enumeration, .tags: return true
            default: return false
            }
        case .time(.dateTime(let text)): return text.hasSuffix("Z")
        case .list(let items):
            return type == .tags && items.allSatisfy { meansTheSame($0, for: .tags) }
        case .parameter, .time, .object, .interval, .arithmetic, .negation, .call: return false
        }
    }
}
