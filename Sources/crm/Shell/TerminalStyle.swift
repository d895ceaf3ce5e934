import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Colour and size of the terminal the shell talks to: colour only when standard error is a
/// terminal and `NO_COLOR` is unset (https://no-color.org), never in redirected output.
struct TerminalStyle {
    /// Whether standard error takes colour (error messages). The prompt stays plain: libedit
    /// drops the escape that would end a bold prompt, so typed text would turn bold too.
    let colourErrors: Bool

    /// The style for this process's standard output and error.
    static func current() -> TerminalStyle {
        let allowed = getenv("NO_COLOR") == nil
        return TerminalStyle(colourErrors: allowed && isatty(2) == 1)
    }

    /// `message` with its first `error:` in bold red.
    func error(_ message: String) -> String {
        guard colourErrors, let range = message.range(of: "error:") else { return message }
        return message.replacingCharacters(in: range, with: "\u{1B}[1;31merror:\u{1B}[0m")
    }

    /// The width of the terminal on standard output in columns, or nil when it is not a
    /// terminal or does not say (`ioctl(TIOCGWINSZ)`).
    static func outputWidth() -> Int? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The height of the terminal on standard output in lines, or nil when it is not a
    /// terminal or does not say.
    static func outputHeight() -> Int? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }
}
