/// Turns values into bytes and back, for the keys or values of a typed `Database`.
public protocol ByteCodec {
    /// The Swift type the bytes hold.
    associatedtype Value
    /// Appends the bytes of `value`.
    static func encode(_ value: Value, into bytes: inout [UInt8])
    /// Reads a value back; damaged bytes throw, never trap.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Value
}

/// A named database whose keys and values are typed by codecs.
///
///     let ids = Database<Int64Codec, BytesCodec>(handle)
///     try ids.put(tx, 42, [1, 2, 3])
public struct Database<Key: ByteCodec, Value: ByteCodec>: Sendable {
    /// The untyped database.
    public let handle: DatabaseHandle

    /// Wraps the untyped `handle`.
    public init(_ handle: DatabaseHandle) {
        self.handle = handle
    }

    /// The value under `key`, decoded, or nil.
    public func get(_ transaction: Transaction, _ key: Key.Value) throws -> Value.Value? {
        guard let bytes = try transaction.get(handle, key: Self.bytes(key)) else { return nil }
        return try Value.decode(bytes)
    }

    /// Stores `value` under `key`.
    public func put(
        _ transaction: Transaction, _ key: Key.Value, _ value: Value.Value, flags: WriteFlags = []
    )
        throws
    {
        var valueBytes: [UInt8] = []
        Value.encode(value, into: &valueBytes)
        try transaction.put(handle, key: Self.bytes(key), value: valueBytes, flags: flags)
    }

    /// Deletes the entry under `key`; returns false when there was none.
    @discardableResult
    public func delete(_ transaction: Transaction, _ key: Key.Value) throws -> Bool {
        try transaction.delete(handle, key: Self.bytes(key))
    }

    private static func bytes(_ key: Key.Value) -> [UInt8] {
        var bytes: [UInt8] = []
        Key.encode(key, into: &bytes)
        return bytes
    }
}

/// Bytes as they are.
public enum BytesCodec: ByteCodec {
    /// Appends `value`.
    public static func encode(_ value: [UInt8], into bytes: inout [UInt8]) { bytes += value }
    /// Copies the bytes.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> [UInt8] { Array(bytes) }
}

/// A signed integer that sorts as numbers do (sign bit flipped, big-endian).
public enum Int64Codec: ByteCodec {
    /// Appends the 8 bytes of `value`.
    public static func encode(_ value: Int64, into bytes: inout [UInt8]) {
        var key = OrderedKey(capacity: 8)
        key.append(value)
        bytes += key.bytes
    }

    /// Reads 8 bytes; anything else is a `KeyDecodingError`.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Int64 {
        var reader = OrderedKeyReader(bytes)
        let value = try reader.readInt64()
        guard reader.isAtEnd else { throw KeyDecodingError(offset: 8, reason: "is longer than 8 bytes") }
        return value
    }
}

/// A UTF-8 string (not escaped: for values, or keys that are a whole string).
public enum StringCodec: ByteCodec {
    /// Appends the UTF-8 bytes of `value`.
    public static func encode(_ value: String, into bytes: inout [UInt8]) { bytes += Array(value.utf8) }
    /// Reads UTF-8; invalid bytes are a `KeyDecodingError`.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> String {
        guard let string = UTF8Text.decode(bytes) else {
            throw KeyDecodingError(offset: 0, reason: "is not UTF-8")
        }
        return string
    }
}
