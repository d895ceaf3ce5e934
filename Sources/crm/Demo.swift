import CRMSampleData
import CRMStore

/// The demo database: a small deterministic sample, and the banner that suggests what to try.
enum Demo {
    static let customers = 200

    static func load(into store: Store) throws {
        try SampleData(seed: 2026, customers: customers, now: SampleData.benchmarkNow).load(into: store)
    }

    static let banner = """
        crm demo: a fresh sample database of \(customers) customers with their interactions and promises,
        in a temporary folder that goes away when you quit. Its clock stands at
        2026-11-25T12:00:00Z (.now system to use the real one). Try:

          find promises where overdue and customer.tier = vip order by due limit 10
          count interactions where at in last 30 days group by kind
          get customer 1 with interactions(order by at desc limit 5), promises(where status = pending)

        .help lists the dot-commands, .help find explains a statement; Ctrl-D quits.
        """
}
