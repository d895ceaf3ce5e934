/// The sum and count of a customer's interaction scores, kept up to date on every write
/// so that `satisfaction` never reads every interaction.
struct ScoreSummary: Equatable {
    var sum: Int64 = 0
    var count: Int64 = 0

    init() {}

    init(decoding bytes: UnsafeRawBufferPointer, customer: Int64) throws(StoreError) {
        var reader = RecordReader(
            payload: bytes, subject: RecordSubject("the score summary of customer", id: customer))
        sum = try reader.readInt64()
        count = try reader.readInt64()
        guard reader.isAtEnd, count >= 0 else { throw reader.corrupt("has a bad count") }
    }

    func encoded() -> [UInt8] {
        var writer = RecordWriter()
        writer.writeVarint(UInt64(bitPattern: (sum << 1) ^ (sum >> 63)))
        writer.writeVarint(UInt64(bitPattern: (count << 1) ^ (count >> 63)))
        return Array(writer.bytes.dropFirst())
    }
}
