import CRMEngine
import CRMStore

/// Prints each statement's rows as they come, in the chosen format, through a
/// ``ResultStream``: every format streams (a table after measuring its first rows), so a
/// result of any size is printed in bounded memory.
final class ResultPrinter: ResultReceiver {
    /// The format and timestamp style; setting it takes effect at the next section.
    var writer: ResultWriter {
        didSet { if !stream.isOpen { stream = ResultStream(writer: writer) } }
    }
    /// Where the text goes; setting it takes effect at the next section.
    var output: OutputChannel
    private var stream: ResultStream

    init(writer: ResultWriter, output: OutputChannel) {
        self.writer = writer
        self.output = output
        self.stream = ResultStream(writer: writer)
    }

    func section(title: String?, columns: [String]) {
        finishSection()
        if stream.writer.format != writer.format || stream.writer.maxWidth != writer.maxWidth {
            stream = ResultStream(writer: writer)
        }
        stream.beginSection(title: title, columns: columns, into: &output.buffer)
        output.flushIfFull()
    }

    func row(_ values: [FieldValue]) {
        stream.row(values, into: &output.buffer)
        output.flushIfFull()
    }

    /// Prints what is held of the current section (a table's first rows, its footer, the
    /// end of a JSON array); call at the end of each statement.
    func finishSection() {
        guard stream.isOpen else { return }
        stream.endSection(into: &output.buffer)
        output.flushIfFull()
    }
}
