import CRMStore

/// The deterministic sample dataset of BENCH.md: customers, their interactions over the two
/// years before a fixed clock, and promises kept, broken, cancelled and pending (some overdue).
///
/// The same seed and size give the same records on every run, so `crm seed`, the demo and the
/// benchmark all see one dataset, and two systems can be loaded with identical rows. Records
/// are made one at a time in insertion order (all customers, then all interactions, then all
/// promises), with the ids a fresh store assigns, so nothing is held in memory.
///
///     let sample = SampleData(seed: 1, customers: 1000)
///     try sample.load(into: store)
public struct SampleData: Sendable {
    /// The seed all randomness derives from.
    public let seed: UInt64
    /// The number of customers.
    public let customerCount: Int
    /// The fixed clock the data is spread around: 2026-11-25T12:00:00Z by default.
    public let now: Timestamp

    /// The benchmark's fixed clock.
    public static let benchmarkNow = Timestamp(year: 2026, month: 11, day: 25, hour: 12)

    /// A dataset of `customers` customers from `seed`.
    public init(seed: UInt64 = 1, customers: Int, now: Timestamp = SampleData.benchmarkNow) {
        self.seed = seed
        self.customerCount = max(0, customers)
        self.now = now
    }

    private static let customerStream: UInt64 = 1
    private static let interactionStream: UInt64 = 2
    private static let promiseStream: UInt64 = 3
    private static let twoYears: Int64 = 2 * 365 * 86_400_000_000
    private static let hour: Int64 = 3_600_000_000

    // MARK: - Records

    /// Times to the second: what people write, and what prints without a fraction.
    private static func wholeSeconds(_ time: Timestamp) -> Timestamp {
        Timestamp(seconds: time.seconds)
    }

    /// Customer `index` (0-based; its id in a fresh store is `index + 1`).
    public func customer(_ index: Int) -> Customer {
        var rng = SampleRandom(seed: seed, stream: Self.customerStream, index: index)
        let isPerson = rng.chance(40)
        var customer: Customer
        if isPerson {
            let chinese = rng.chance(50)
            customer = Customer(
                name: chinese
                    ? rng.pick(SampleVocabulary.chineseSurnames)
                        + rng.pick(SampleVocabulary.chineseGivenNames)
                    : rng.pick(SampleVocabulary.englishFirstNames) + " "
                        + rng.pick(SampleVocabulary.englishLastNames))
            customer.kind = .person
        } else {
            customer = Customer(
                name: rng.pick(SampleVocabulary.companyStems) + " "
                    + rng.pick(SampleVocabulary.companySuffixes) + " \(index + 1)")
        }
        let tierRoll = rng.below(100)
        customer.tier = tierRoll < 80 ? .standard : (tierRoll < 95 ? .key : .vip)
        let statusRoll = rng.below(100)
        customer.status =
            statusRoll < 75 ? .active : (statusRoll < 85 ? .prospect : (statusRoll < 95 ? .inactive : .lost))
        customer.city = SampleVocabulary.cities[rng.below(SampleVocabulary.cities.count)]
        if rng.chance(50) { customer.email = "customer\(index + 1)@example.com" }
        if rng.chance(40) {
            customer.phone = "+86 \(10 + rng.below(90)) \(1000 + rng.below(9000)) \(1000 + rng.below(9000))"
        }
        customer.owner = rng.pick(SampleVocabulary.owners)
        var tags: [String] = []
        for _ in 0..<rng.below(4) {
            let tag = rng.pick(SampleVocabulary.tags)
            if !tags.contains(tag) { tags.append(tag) }
        }
        customer.tags = tags
        return customer
    }

    /// How many interactions customer `index` has: 0 to 20, 10 on average.
    public func interactionCount(_ index: Int) -> Int {
        var rng = SampleRandom(seed: seed, stream: Self.interactionStream, index: index)
        return rng.below(21)
    }

    /// How many promises customer `index` has: 0 to 6, 3 on average.
    public func promiseCount(_ index: Int) -> Int {
        var rng = SampleRandom(seed: seed, stream: Self.promiseStream, index: index)
        return rng.below(7)
    }

    /// The interactions of customer `index`, for a customer whose id is `index + 1`.
    public func interactions(ofCustomer index: Int) -> [Interaction] {
        var rng = SampleRandom(seed: seed, stream: Self.interactionStream, index: index)
        let count = rng.below(21)
        return (0..<count).map { _ in
            let roll = rng.below(100)
            let kind: InteractionKind =
                switch roll {
                case 0..<25: .call
                case 25..<45: .email
                case 45..<55: .visit
                case 55..<63: .meeting
                case 63..<73: .complaint
                case 73..<83: .survey
                case 83..<88: .enquiry
                case 88..<93: .service
                case 93..<96: .care
                default: .note
                }
            var interaction = Interaction(customer: Int64(index + 1), kind: kind)
            interaction.at = Self.wholeSeconds(
                now.adding(microseconds: -Int64(rng.next() % UInt64(Self.twoYears))))
            interaction.channel =
                switch kind {
                case .call: .phone
                case .email: .email
                case .visit, .meeting, .service: .inPerson
                default: rng.pick([.phone, .email, .chat, .web, .social])
                }
            interaction.direction = rng.chance(60) ? .inbound : .outbound
            interaction.by = rng.pick(SampleVocabulary.owners)
            interaction.subject =
                rng.pick(SampleVocabulary.subjectStarts) + rng.pick(SampleVocabulary.subjectEnds)
            if kind == .survey { interaction.score = Int64(1 + rng.below(5)) }
            interaction.urgent = kind == .complaint && rng.chance(30)
            return interaction
        }
    }

    /// The promises of customer `index`; `firstInteraction` is the id of that customer's
    /// first interaction in a store loaded in order (promises may cite one of them).
    public func promises(ofCustomer index: Int, firstInteraction: Int64) -> [Promise] {
        var rng = SampleRandom(seed: seed, stream: Self.promiseStream, index: index)
        let count = rng.below(7)
        let interactions = interactionCount(index)
        return (0..<count).map { _ in
            let made = Self.wholeSeconds(now.adding(microseconds: -Int64(rng.next() % UInt64(Self.twoYears))))
            let due = Self.wholeSeconds(
                made.adding(microseconds: Self.hour + Int64(rng.next() % UInt64(60 * 24 * Self.hour))))
            var promise = Promise(
                customer: Int64(index + 1), title: rng.pick(SampleVocabulary.promiseTitles), due: due)
            promise.made = made
            promise.direction = rng.chance(85) ? .toCustomer : .fromCustomer
            promise.owner = rng.pick(SampleVocabulary.owners)
            let roll = rng.below(100)
            switch roll {
            case 0..<60:
                promise.status = .kept
                let late = rng.chance(10)
                let span = max(1, due.microseconds - made.microseconds)
                promise.resolved =
                    late
                    ? due.adding(microseconds: 1 + Int64(rng.next() % UInt64(7 * 24 * Self.hour)))
                    : made.adding(microseconds: Int64(rng.next() % UInt64(span)))
            case 60..<70:
                promise.status = .broken
                promise.resolved = due.adding(microseconds: Int64(rng.next() % UInt64(3 * 24 * Self.hour)))
                promise.remedy = "credit note"
            case 70..<75:
                promise.status = .cancelled
                promise.resolved = made.adding(microseconds: Self.hour)
            default:
                promise.status = .pending
            }
            if promise.resolved.map({ $0 > now }) == true { promise.resolved = now }
            promise.resolved = promise.resolved.map(Self.wholeSeconds)
            if rng.chance(30) { promise.amount = ExactDecimal(units: Int64(rng.below(500_000)), scale: 2) }
            if interactions > 0 && rng.chance(30) {
                promise.interaction = firstInteraction + Int64(rng.below(interactions))
            }
            return promise
        }
    }

    // MARK: - Loading

    /// Inserts the whole dataset through the typed API, `batch` records a transaction, with
    /// references translated to the ids the store assigns (so any store will do, empty or
    /// not). `progress` is told how many records are in after each transaction.
    public func load(into store: Store, batch: Int = 10_000, progress: @escaping (Int) -> Void = { _ in })
        throws
    {
        let ids = AssignedIDs(customers: customerCount)
        var loader = BatchLoader(store: store, batch: batch, progress: progress)
        for index in 0..<customerCount {
            let customer = customer(index)
            try loader.add { tx in ids.customers[index] = try tx.insert(customer).id }
        }
        try loader.flush()
        for index in 0..<customerCount {
            for (position, interaction) in interactions(ofCustomer: index).enumerated() {
                try loader.add { tx in
                    // A step may run twice (the map grew): change a copy, never the captured value.
                    var record = interaction
                    record.customer = ids.customers[index]
                    let id = try tx.insert(record).id
                    if position == 0 { ids.firstInteraction[index] = id }
                }
            }
        }
        try loader.flush()
        for index in 0..<customerCount {
            // Generated against ids from 1; shifted to the ids the store gave.
            let generatedFirst: Int64 = 1
            for promise in promises(ofCustomer: index, firstInteraction: generatedFirst) {
                try loader.add { tx in
                    var record = promise
                    record.customer = ids.customers[index]
                    if let cited = promise.interaction {
                        record.interaction = ids.firstInteraction[index] + (cited - generatedFirst)
                    }
                    _ = try tx.insert(record)
                }
            }
        }
        try loader.flush()
    }
}

/// The ids the store gave while loading, by customer index. A class, because the insert
/// closures fill it in as their transactions run.
private final class AssignedIDs {
    var customers: [Int64]
    var firstInteraction: [Int64]

    init(customers: Int) {
        self.customers = Array(repeating: 0, count: customers)
        self.firstInteraction = Array(repeating: 0, count: customers)
    }
}

/// Runs insert steps in transactions of `batch` steps.
private struct BatchLoader {
    let store: Store
    let batch: Int
    let progress: (Int) -> Void
    private var pending: [(WriteTransaction) throws -> Void] = []
    private var loaded = 0

    init(store: Store, batch: Int, progress: @escaping (Int) -> Void) {
        self.store = store
        self.batch = max(1, batch)
        self.progress = progress
    }

    mutating func add(_ step: @escaping (WriteTransaction) throws -> Void) throws {
        pending.append(step)
        if pending.count >= batch { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let steps = pending
        // A write closure may run again when the map grows; each step only inserts and
        // records the id it got, so running it again is harmless.
        try store.write { tx in for step in steps { try step(tx) } }
        loaded += steps.count
        pending.removeAll(keepingCapacity: true)
        progress(loaded)
    }
}
