import TestSupport
import Testing

@testable import CRMStore

/// Varints of every length read back the same, whether the bytes after them allow the
/// 64-bit fast path or end right after the number.
@Suite("Varint encoding")
struct VarintTests {
    private func values() -> [UInt64] {
        var random = SplitMix64(seed: 5)
        var values: [UInt64] = [0, 1, 127, 128, .max]
        for bits in 1...64 {
            let top: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
            values += [top, top >> 1 | (1 << UInt64(bits - 1)), random.next() & top]
        }
        return values
    }

    /// The varint at the start of `bytes`, and the offset just after it.
    private static func read(_ bytes: [UInt8], _ subject: RecordSubject) throws -> (UInt64, Int) {
        var result: (UInt64, Int) = (0, 0)
        var failure: (any Error)?
        bytes.withUnsafeBytes { buffer in
            var reader = RecordReader(payload: buffer, subject: subject)
            do {
                result = (try reader.readVarint(), reader.offset)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }

    @Test func everyLengthRoundTripsWithAndWithoutTrailingBytes() throws {
        let subject = RecordSubject("test")
        for value in values() {
            var writer = RecordWriter()
            writer.writeVarint(value)
            let encoded = Array(writer.bytes.dropFirst())  // without the format byte
            for trailing: [UInt8] in [
                [], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], [0, 0, 0, 0, 0, 0, 0, 0],
            ] {
                let bytes = encoded + trailing
                let (read, end) = try Self.read(bytes, subject)
                #expect(read == value, "\(value) followed by \(trailing.count) bytes")
                #expect(end == encoded.count, "\(value) ends after \(encoded.count) bytes")
            }
        }
    }

    @Test func aNumberThatNeverEndsIsRefused() {
        let bytes = [UInt8](repeating: 0xFF, count: 12)
        #expect(throws: StoreError.self) { _ = try Self.read(bytes, RecordSubject("test")) }
    }
}
