/// The bytes of an import file as lines of text: a UTF-8 byte order mark stripped, line ends
/// LF, CRLF or a lone CR, and every line that is not valid UTF-8 found with the place of its
/// first bad byte.
///
/// Lines are counted as editors count them, from 1, so an error can name the line to fix.
struct ImportText {
    /// The bytes after the byte order mark.
    let bytes: [UInt8]
    /// Each physical line: its number and the byte range of its content (without the line end).
    let lines: [(number: Int, range: Range<Int>)]
    /// For each line that is not valid UTF-8, why: "invalid UTF-8 at byte 7 of the line".
    let invalidLines: [Int: String]

    /// Splits `bytes` into lines and checks their encoding.
    init(bytes input: [UInt8]) {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let content = input.starts(with: bom) ? Array(input.dropFirst(bom.count)) : input
        var lines: [(number: Int, range: Range<Int>)] = []
        var invalid: [Int: String] = [:]
        var start = 0
        var index = 0
        while index <= content.count {
            let atEnd = index == content.count
            let byte = atEnd ? 0 : content[index]
            guard atEnd || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
                index += 1
                continue
            }
            if atEnd && start == index { break }
            let number = lines.count + 1
            lines.append((number, start..<index))
            if let problem = Self.encodingProblem(content[start..<index]) { invalid[number] = problem }
            let crlf =
                byte == UInt8(ascii: "\r") && index + 1 < content.count
                && content[index + 1] == UInt8(ascii: "\n")
            index += crlf ? 2 : 1
            start = index
        }
        self.bytes = content
        self.lines = lines
        self.invalidLines = invalid
    }

    /// The whole text, each invalid byte sequence replaced by U+FFFD.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text of one line, invalid bytes replaced by U+FFFD.
    func text(of range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Nil when `line` is valid UTF-8, else where the first bad byte is and what to do.
    static func encodingProblem(_ line: ArraySlice<UInt8>) -> String? {
        var iterator = line.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error:
                let byte = line[line.startIndex + offset]
                let hex = String(byte, radix: 16, uppercase: true)
                return "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex) at byte \(offset + 1) "
                    + "of the line); save the file as UTF-8"
            }
        }
    }
}
