import CRMStore
import LMDB

/// libFuzzer's entry: every decoder must return a value or throw, never crash.

public func fuzzRecords(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? Customer(id: 1, decoding: bytes)
    _ = try? Interaction(id: 1, decoding: bytes)
    _ = try? Promise(id: 1, decoding: bytes)
    var reader = OrderedKeyReader(bytes)
    while !reader.isAtEnd {
        guard (try? reader.readString()) != nil || (try? reader.readInt64()) != nil else { break }
    }
    _ = UTF8Text.decode(bytes)
    return 0
}

/// SwiftPM links an executable's entry as `fuzz_records_main`; it hands over to libFuzzer's
/// driver (libFuzzer's own `main` is then not linked in).
@_cdecl("fuzz_records_main")
public func fuzzRecordsEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzRecords(data, size)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
