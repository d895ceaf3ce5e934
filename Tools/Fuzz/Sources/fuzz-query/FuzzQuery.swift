import CRMEngine
import CRMQuery
import CRMStore
import Foundation

/// A small store, made once, that every input is planned and read against.
nonisolated(unsafe) private var session: Session? = {
    let path = NSTemporaryDirectory() + "crm-fuzz-\(getpid()).db"
    let now = Timestamp(year: 2026, month: 11, day: 25, hour: 12)
    guard let store = try? Store(path: path, options: StoreOptions(durability: .relaxed, clock: { now })) else {
        return nil
    }
    let session = Session(store: store, timeZone: TimeZone(identifier: "UTC"), now: now)
    _ = session.run(
        """
        insert customer {name: "Acme", tier: vip, city: "Xi'an", tags: [steel]}
        insert customer {name: "北京", tier: key}
        insert interaction {customer: 1, kind: complaint, at: 2026-11-20, subject: "late"}
        insert promise {customer: 1, title: "Reply", due: 2026-11-22, interaction: 1, amount: 12.50}
        """)
    return session
}()

/// libFuzzer's entry: any bytes are lexed and parsed; every statement that parses is bound
/// and planned (`explain`), and the reading ones are run. Nothing may crash.

public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parsed = Parser.parse(bytes: bytes)
    _ = completeness(of: parsed.source)
    _ = DiagnosticFormatter(fileName: "fuzz", source: parsed.source).format(parsed.diagnostics)
    guard let session else { return 0 }
    let utf8 = Array(parsed.source.utf8)
    for statement in parsed.script.statements {
        let start = max(0, min(statement.range.start.offset, utf8.count))
        let end = max(start, min(statement.range.end.offset, utf8.count))
        let text = String(decoding: utf8[start..<end], as: UTF8.self)
        _ = session.run("explain " + text, parameters: ["x", 1])
        switch statement.kind {
        case .find, .count, .get, .history: _ = session.run(text, parameters: ["x", 1])
        default: break
        }
    }
    return 0
}

/// SwiftPM links an executable's entry as `fuzz_query_main`; it hands over to libFuzzer's
/// driver (libFuzzer's own `main` is then not linked in).
@_cdecl("fuzz_query_main")
public func fuzzQueryEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzQuery(data, size)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
