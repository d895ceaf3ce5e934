// A second process for the store's tests: it opens a store file the test also has open and
// writes to it, so the tests can see another process's commits, map growth and locking.
//
//   crm-store-probe insert PATH COUNT [BYTES]   insert COUNT customers (one transaction each
//                                               batch of 500), with a note of BYTES bytes
//   crm-store-probe count PATH                  print the number of customers
import CRMStore

#if canImport(Glibc)
    import Glibc
#endif

// Errors go to standard output too: the tests read both as one stream.
func fail(_ message: String) -> Never {
    print("crm-store-probe: \(message)")
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: crm-store-probe insert|count PATH [COUNT] [BYTES]") }
do {
    let store = try Store(path: arguments[2], options: StoreOptions(mapSize: 64 << 10))
    switch arguments[1] {
    case "insert":
        guard arguments.count >= 4, let count = Int(arguments[3]) else { fail("insert needs a COUNT") }
        let noteBytes = arguments.count >= 5 ? Int(arguments[4]) ?? 0 : 0
        var inserted = 0
        while inserted < count {
            let batch = min(500, count - inserted)
            try store.write { tx in
                for i in 0..<batch {
                    var customer = Customer(name: "probe \(inserted + i)")
                    customer.note = noteBytes > 0 ? String(repeating: "n", count: noteBytes) : nil
                    _ = try tx.insert(customer)
                }
            }
            inserted += batch
        }
        print("inserted \(inserted)")
    case "count":
        print(try store.read { tx in try tx.count(Customer.self) })
    default:
        fail("unknown command \(arguments[1])")
    }
} catch {
    fail("\(error)")
}
