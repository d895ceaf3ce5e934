/// Unwinds the parser to the statement level after a diagnostic has been recorded.
///
/// It carries nothing: the diagnostic is already in the parser's list when this is thrown.
struct ParseError: Error {}
