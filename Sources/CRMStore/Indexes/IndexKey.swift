import LMDB

/// How a store writes integers in its index keys and values: its key layout, fixed by the
/// store's format version.
public enum KeyLayout: Sendable {
    /// Format 1: every integer, reference, timestamp and id in 8 bytes (sign bit flipped,
    /// big-endian).
    case fixed
    /// Format 2: integers in their compact form (`OrderedKey.appendCompact`: a tag byte and
    /// the fewest bytes), an id at the end of a key with its length after it
    /// (`appendCompactID`), so that a customer's id takes 4 bytes instead of 8.
    case compact
}

/// How a record's values become index keys, for every index alike: each declared part in
/// order-preserving form (`OrderedKey`), then the record's id; the value holds the carried
/// fields in the same form.
///
/// Integers, references and timestamps are written as the key layout says (`KeyLayout`);
/// an enum is its one-byte code; text is escaped and terminated, case-folded or reduced to
/// phone digits as the part says; a boolean is one byte. A record with no value for a part
/// (no email) has no entry; a part over `tags` gives one entry per tag.
enum IndexKey {
    /// Appends `value`, a value of a field of `type`, as a key part; false when the value
    /// cannot be a key part (null, or a type keys do not hold).
    @inline(__always)
    static func append(
        _ value: FieldValue, _ type: FieldType, _ transform: KeyTransform, _ layout: KeyLayout,
        to key: inout OrderedKey
    ) -> Bool {
        switch value {
        case .integer(let number): appendInteger(number, layout, to: &key)
        case .timestamp(let time): appendInteger(time.microseconds, layout, to: &key)
        case .bool(let flag): key.append(UInt8(flag ? 1 : 0))
        case .symbol(let name):
            guard case .enumeration(let enumType) = type, let position = enumType.position(of: name) else {
                return false
            }
            key.append(UInt8(truncatingIfNeeded: position))
        case .string(let text):
            switch transform {
            case .value: key.append(text)
            case .folded: key.append(TextKey.fold(text))
            case .phoneDigits: key.append(TextKey.phone(text))
            }
        case .null, .decimal, .list, .real, .duration:
            return false
        }
        return true
    }

    /// Reads back a key part that holds its value as it is (`KeyTransform.value`); nil for
    /// a folded part, which does not give its value back. Skips the part either way.
    static func read(
        _ type: FieldType, _ transform: KeyTransform, _ layout: KeyLayout, from reader: inout OrderedKeyReader
    ) throws(KeyDecodingError) -> FieldValue? {
        switch type {
        case .integer, .reference: return .integer(try readInteger(layout, from: &reader))
        case .timestamp: return .timestamp(Timestamp(microseconds: try readInteger(layout, from: &reader)))
        case .boolean: return .bool(try reader.readByte() != 0)
        case .enumeration(let enumType):
            let code = Int(try reader.readByte())
            return code < enumType.names.count ? .symbol(enumType.names[code]) : nil
        case .text, .tags:
            let text = try reader.readString()
            return transform == .value ? .string(text) : nil
        case .decimal, .attributes, .custom, .real, .duration:
            return nil
        }
    }

    /// The key prefix of `index` for the leading parts' values `values` (in order, fewer
    /// than or as many as the parts), transformed as declared; nil when a value cannot be
    /// a key part.
    static func prefix(_ index: IndexSchema, _ values: [FieldValue], _ layout: KeyLayout) -> OrderedKey? {
        var key = OrderedKey()
        key.bytes.append(contentsOf: index.keyPrefix)
        for ((part, field), value) in zip(zip(index.parts, index.partFields), values) {
            let type = field.type == .tags ? FieldType.text : field.type
            guard append(value, type, part.transform, layout, to: &key) else { return nil }
        }
        return key
    }

    /// Appends an integer as `layout` writes one.
    @inline(__always)
    static func appendInteger(_ value: Int64, _ layout: KeyLayout, to key: inout OrderedKey) {
        switch layout {
        case .fixed: key.append(value)
        case .compact: key.appendCompact(value)
        }
    }

    /// Reads an integer `layout` wrote.
    @inline(__always)
    static func readInteger(_ layout: KeyLayout, from reader: inout OrderedKeyReader) throws(KeyDecodingError)
        -> Int64
    {
        switch layout {
        case .fixed: try reader.readInt64()
        case .compact: try reader.readCompact()
        }
    }

    /// Appends the record's id, which ends every index key.
    @inline(__always)
    static func appendID(_ id: Int64, _ layout: KeyLayout, to key: inout OrderedKey) {
        switch layout {
        case .fixed: key.append(id)
        case .compact: key.appendCompactID(id)
        }
    }

    /// The id at the end of an index key; nil for a damaged key.
    @inline(__always)
    static func id(_ key: UnsafeRawBufferPointer, _ layout: KeyLayout) -> Int64? {
        switch layout {
        case .fixed: RecordKey.id(key, at: key.count - 8)
        case .compact: OrderedKeyReader.compactID(atEndOf: key)
        }
    }
}

/// The keys of the record tables (and of summaries, by the id they group): the id as the
/// store's key layout writes integers, 8 bytes in format 1, compact in format 2.
enum RecordKey {
    /// The key of `id`.
    static func bytes(_ id: Int64, _ layout: KeyLayout) -> [UInt8] {
        var key = OrderedKey(capacity: 9)
        IndexKey.appendInteger(id, layout, to: &key)
        return key.bytes
    }

    /// Calls `body` with the key of `id`, built on the stack: the hot path of every get by
    /// id, without an array.
    @inline(__always)
    static func with<R>(_ id: Int64, _ layout: KeyLayout, _ body: (UnsafeRawBufferPointer) throws -> R)
        rethrows
        -> R
    {
        switch layout {
        case .fixed:
            let bits = (UInt64(bitPattern: id) ^ (1 << 63)).bigEndian
            return try withUnsafeBytes(of: bits, body)
        case .compact:
            // A tag byte and up to 8 bytes, big-endian: written into 16 bytes on the stack.
            var buffer: (UInt64, UInt64) = (0, 0)
            return try withUnsafeMutableBytes(of: &buffer) { raw in
                let count = compact(id, into: raw)
                return try body(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
            }
        }
    }

    /// Writes `OrderedKey.appendCompact(id)`'s bytes into `raw`; returns how many.
    @inline(__always)
    private static func compact(_ id: Int64, into raw: UnsafeMutableRawBufferPointer) -> Int {
        if id == 0 {
            raw[0] = 0x14
            return 1
        }
        let magnitude = id < 0 ? UInt64(bitPattern: ~id) : UInt64(id)
        let count = max(1, (64 - magnitude.leadingZeroBitCount + 7) / 8)
        let bits = id < 0 ? ~magnitude : magnitude
        raw[0] = id < 0 ? UInt8(0x14 - count) : UInt8(0x14 + count)
        for index in 0..<count {
            raw[1 + index] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * (count - 1 - index)))
        }
        return 1 + count
    }

    /// The id of a record key; nil for a damaged one.
    @inline(__always)
    static func id(_ key: UnsafeRawBufferPointer, _ layout: KeyLayout) -> Int64? {
        switch layout {
        case .fixed: return key.count == 8 ? id(key, at: 0) : nil
        case .compact:
            var reader = OrderedKeyReader(key)
            guard let id = try? reader.readCompact(), reader.isAtEnd else { return nil }
            return id
        }
    }

    /// The 8-byte id at `offset` of `key`; nil when it does not fit.
    @inline(__always)
    static func id(_ key: UnsafeRawBufferPointer, at offset: Int) -> Int64? {
        guard offset >= 0, key.count - offset >= 8, let base = key.baseAddress else { return nil }
        let bits = UInt64(bigEndian: (base + offset).loadUnaligned(as: UInt64.self))
        return Int64(bitPattern: bits ^ (1 << 63))
    }
}

/// How indexed text is folded so that lookups ignore case.
enum TextKey {
    /// Case-folded text for name, email, city, owner and tag keys.
    static func fold(_ text: String) -> String {
        text.lowercased()
    }

    /// A phone number's digits, with a leading + kept: "+86 (10) 1234-5678" -> "+861012345678".
    static func phone(_ text: String) -> String {
        let digits = text.filter(\.isASCII).filter(\.isNumber)
        return text.drop(while: \.isWhitespace).hasPrefix("+") ? "+" + digits : digits
    }
}
