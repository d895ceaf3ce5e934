import CRMStore
import LMDB

extension ResultWriter {
    /// Appends a ``RecordRow`` read in place (`view`) as a CSV line (`keys` nil) or a JSON
    /// object (`keys` given), exactly as ``appendCSVRow(_:timestamps:formatTimestamp:to:)``
    /// and ``appendJSONObject(_:keys:timestamps:formatTimestamp:to:)`` write its values: the
    /// cells its columns read from bytes are copied from the record, the others written from
    /// their value.
    ///
    /// On an error (a damaged record) part of the row may be in `out`: the caller trims it.
    static func appendRecordRow(
        _ row: RecordRow, of view: RecordView, keys: JSONKeys?, timestamps: TimestampFormatter?,
        formatTimestamp: (Timestamp) -> String, to out: inout [UInt8]
    ) throws {
        try appendCells(
            row, of: view, keys: keys ?? JSONKeys(), json: keys != nil, timestamps: timestamps,
            formatTimestamp: formatTimestamp, to: &out)
    }

    private static func appendCells(
        _ row: RecordRow, of view: RecordView, keys: JSONKeys, json: Bool, timestamps: TimestampFormatter?,
        formatTimestamp: (Timestamp) -> String, to out: inout [UInt8]
    ) throws {
        let columns = row.columns
        if json { out.append(UInt8(ascii: "{")) }
        // Every array the loop reads is opened once a row: no reference counting per cell.
        try columns.cells.withUnsafeBufferPointer { cells in
            try columns.constants.withUnsafeBufferPointer { constants in
                try columns.names.withUnsafeBufferPointer { names in
                    try keys.bytes.withUnsafeBufferPointer { keyBytes in
                        try keys.ends.withUnsafeBufferPointer { keyEnds in
                            var keyStart = 0
                            for index in cells.indices {
                                if json {
                                    out.append(
                                        contentsOf: UnsafeBufferPointer(
                                            rebasing: keyBytes[keyStart..<keyEnds[index]]))
                                    keyStart = keyEnds[index]
                                } else if index > 0 {
                                    out.append(UInt8(ascii: ","))
                                }
                                let cell = CellWriter(
                                    cell: cells[index], view: view, json: json, constants: constants,
                                    names: names)
                                if try cell.append(timestamps: timestamps, to: &out) { continue }
                                let value = try row.value(index)
                                if json {
                                    appendJSONValue(
                                        value, timestamps: timestamps, formatTimestamp: formatTimestamp,
                                        to: &out)
                                } else {
                                    appendCSVValue(
                                        value, timestamps: timestamps, formatTimestamp: formatTimestamp,
                                        to: &out)
                                }
                            }
                        }
                    }
                }
            }
        }
        if json {
            out.append(UInt8(ascii: "}"))
        } else {
            out.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        }
    }

    /// Writes one cell of a record row from its bytes, with what that needs.
    private struct CellWriter {
        let cell: RecordColumns.Cell
        let view: RecordView
        let json: Bool
        let constants: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<Range<Int>>

        /// Appends the cell from the record's bytes; false (and nothing appended) when it
        /// must be written from its value: a kind not read from bytes, text that is not
        /// ASCII, a timestamp with no fast formatter, an absent field with no fixed default.
        @inline(__always)
        func append(timestamps: TimestampFormatter?, to out: inout [UInt8]) throws -> Bool {
            switch cell.kind {
            case .id:
                ByteText.appendInteger(view.id, to: &out)
                return true
            case .value:
                return false
            default: break
            }
            var slot = cell.slot
            var payload = try view.payload(slot: slot)
            if payload == nil, cell.absentSlot >= 0 {
                slot = cell.absentSlot
                payload = try view.payload(slot: slot)
            }
            guard let payload else {
                guard let absent = json ? cell.absentJSON : cell.absentCSV else { return false }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: constants[absent]))
                return true
            }
            switch cell.kind {
            case .integer:
                guard let number = RecordView.integer(payload: payload) else { throw view.damage(slot: slot) }
                ByteText.appendInteger(number, to: &out)
            case .timestamp:
                guard let timestamps else { return false }
                guard let number = RecordView.integer(payload: payload) else { throw view.damage(slot: slot) }
                if json { out.append(UInt8(ascii: "\"")) }
                timestamps.append(Timestamp(microseconds: number), to: &out)
                if json { out.append(UInt8(ascii: "\"")) }
            case .text:
                // Text that is not ASCII is checked as UTF-8 on its way to a value.
                guard UTF8Text.isASCII(payload) else { return false }
                let bytes = payload.bindMemory(to: UInt8.self)
                if json {
                    ByteText.appendJSONString(bytes: bytes, to: &out)
                } else {
                    ByteText.appendCSVField(bytes: bytes, to: &out)
                }
            case .enumeration:
                guard payload.count == 1, Int(payload[0]) < cell.names.count else {
                    throw view.damage(slot: slot)
                }
                if json { out.append(UInt8(ascii: "\"")) }
                out.append(
                    contentsOf: UnsafeBufferPointer(
                        rebasing: constants[names[cell.names.lowerBound + Int(payload[0])]]))
                if json { out.append(UInt8(ascii: "\"")) }
            case .boolean:
                guard payload.count == 1, payload[0] <= 1 else { throw view.damage(slot: slot) }
                ByteText.append(payload[0] == 1 ? "true" : "false", to: &out)
            case .id, .value:
                return false
            }
            return true
        }
    }
}
