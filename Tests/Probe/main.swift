// A second process for the store's tests: it opens a store file the test also has open and
// writes to it, so the tests can see another process's commits, map growth and locking.
//
//   crm-store-probe insert PATH COUNT [BYTES]   insert COUNT customers (one transaction each
//                                               batch of 500), with a note of BYTES bytes
//   crm-store-probe count PATH                  print the number of customers
//   crm-store-probe hold-read PATH              hold a read transaction until killed
//   crm-store-probe churn PATH SEED             write forever (until killed), printing and
//                                               flushing a line for each commit acknowledged
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
    case "hold-read":
        // Holds a read transaction (a reader slot) until killed.
        try store.read { _ in
            print("holding")
            fflush(nil)
            while true { sleep(60) }
        }
    case "churn":
        guard arguments.count >= 4, let seed = UInt64(arguments[3]) else { fail("churn needs a SEED") }
        try churn(store, seed: seed)
    default:
        fail("unknown command \(arguments[1])")
    }
} catch {
    fail("\(error)")
}

/// Writes forever: single inserts, four-record blocks, updates and cascade deletes, printing
/// one line per commit after it returned: `c ID`, `b CUSTOMER`, `u ID NOTE`, `d ID`.
func churn(_ store: Store, seed: UInt64) throws {
    var state = seed | 1
    func random(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }
    var customers: [Int64] = []
    var blocks: [Int64] = []
    var note = 0
    while true {
        let roll = random(100)
        var line: String
        if roll < 40 || customers.isEmpty {
            let id = try store.write { tx in try tx.insert(Customer(name: "single")).id }
            customers.append(id)
            line = "c \(id)"
        } else if roll < 70 {
            let id = try store.write { tx in
                let customer = try tx.insert(Customer(name: "block")).id
                let first = try tx.insert(Interaction(customer: customer, kind: .call)).id
                _ = try tx.insert(Interaction(customer: customer, kind: .email))
                var promise = Promise(
                    customer: customer, title: "block", due: Timestamp(seconds: 1_800_000_000))
                promise.interaction = first
                _ = try tx.insert(promise)
                return customer
            }
            blocks.append(id)
            line = "b \(id)"
        } else if roll < 92 {
            let id = customers[random(customers.count)]
            note += 1
            let text = "n\(note)"
            try store.write { tx in _ = try tx.update(Customer.self, id) { $0.note = text } }
            line = "u \(id) \(note)"
        } else {
            guard let id = blocks.popLast() else { continue }
            try store.write { tx in _ = try tx.delete(Customer.self, id, cascade: true) }
            line = "d \(id)"
        }
        print(line)
        fflush(nil)  // nil: every stream, without naming the global `stdout`
    }
}
