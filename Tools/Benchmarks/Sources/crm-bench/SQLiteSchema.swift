/// The SQLite schema that keeps what this store keeps, with one index for each of the
/// store's indexes (so a load maintains as many), and foreign keys for its reference checks.
///
/// Timestamps are integer microseconds, enum values their names, tags one text column
/// (newline-separated) plus a `customer_tag` table for the tag index, decimals exact text.
enum SQLiteSchema {
    /// The statements that create the tables and indexes.
    static let create = """
        CREATE TABLE customer (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, tier TEXT NOT NULL,
            status TEXT NOT NULL, company TEXT, email TEXT, phone TEXT, city TEXT, address TEXT,
            owner TEXT, verified INTEGER, note TEXT, tags TEXT, attrs TEXT,
            created INTEGER NOT NULL, updated INTEGER NOT NULL);
        CREATE INDEX customer_name ON customer(name COLLATE NOCASE);
        CREATE INDEX customer_email ON customer(email COLLATE NOCASE);
        CREATE INDEX customer_phone ON customer(phone);
        CREATE INDEX customer_tier ON customer(tier);
        CREATE INDEX customer_status ON customer(status);
        CREATE INDEX customer_owner ON customer(owner COLLATE NOCASE);
        CREATE INDEX customer_city ON customer(city COLLATE NOCASE);
        CREATE TABLE customer_tag (
            tag TEXT NOT NULL COLLATE NOCASE, customer INTEGER NOT NULL REFERENCES customer(id),
            PRIMARY KEY (tag, customer)) WITHOUT ROWID;
        CREATE TABLE interaction (
            id INTEGER PRIMARY KEY, customer INTEGER NOT NULL REFERENCES customer(id),
            kind TEXT NOT NULL, channel TEXT, direction TEXT NOT NULL, at INTEGER NOT NULL,
            "by" TEXT, subject TEXT, body TEXT, score INTEGER, urgent INTEGER NOT NULL,
            tags TEXT, attrs TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL);
        CREATE INDEX interaction_customer_at ON interaction(customer, at);
        CREATE INDEX interaction_at ON interaction(at);
        CREATE INDEX interaction_kind_at ON interaction(kind, at);
        CREATE TABLE promise (
            id INTEGER PRIMARY KEY, customer INTEGER NOT NULL REFERENCES customer(id),
            title TEXT NOT NULL, direction TEXT NOT NULL, owner TEXT, made INTEGER NOT NULL,
            due INTEGER NOT NULL, status TEXT NOT NULL, resolved INTEGER,
            interaction INTEGER REFERENCES interaction(id), amount TEXT, remedy TEXT, ref TEXT,
            note TEXT, tags TEXT, attrs TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL);
        CREATE INDEX promise_customer_due ON promise(customer, due);
        CREATE INDEX promise_status_due ON promise(status, due);
        CREATE INDEX promise_owner_due ON promise(owner COLLATE NOCASE, due);
        CREATE INDEX promise_interaction ON promise(interaction);
        CREATE INDEX promise_open_customer_due ON promise(customer, due) WHERE status = 'pending';
        """

    /// The customer columns `SQLiteRecords.customer(_:)` reads, in its order.
    static func customerColumns(prefix: String = "") -> String {
        columns(
            [
                "id", "name", "kind", "tier", "status", "company", "email", "phone", "city", "address",
                "owner", "verified", "note", "tags", "created", "updated",
            ], prefix: prefix)
    }

    /// The interaction columns `SQLiteRecords.interaction(_:)` reads, in its order.
    static func interactionColumns(prefix: String = "") -> String {
        columns(
            [
                "id", "customer", "kind", "channel", "direction", "at", "\"by\"", "subject", "body", "score",
                "urgent", "tags", "created", "updated",
            ], prefix: prefix)
    }

    /// The promise columns `SQLiteRecords.promise(_:)` reads, in its order.
    static func promiseColumns(prefix: String = "") -> String {
        columns(
            [
                "id", "customer", "title", "direction", "owner", "made", "due", "status", "resolved",
                "interaction", "amount", "remedy", "ref", "note", "tags", "created", "updated",
            ], prefix: prefix)
    }

    /// Inserts a customer; the arguments are `SQLiteRecords.arguments(_:now:)`'s.
    static let insertCustomer = """
        INSERT INTO customer (name, kind, tier, status, company, email, phone, city, address, owner,
            verified, note, tags, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    /// Inserts one tag of a customer.
    static let insertTag = "INSERT INTO customer_tag (tag, customer) VALUES (?, ?)"
    /// Inserts an interaction.
    static let insertInteraction = """
        INSERT INTO interaction (customer, kind, channel, direction, at, "by", subject, body, score,
            urgent, tags, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    /// Inserts a promise.
    static let insertPromise = """
        INSERT INTO promise (customer, title, direction, owner, made, due, status, resolved,
            interaction, amount, remedy, ref, note, tags, created, updated)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    private static func columns(_ names: [String], prefix: String) -> String {
        names.map { prefix + $0 }.joined(separator: ", ")
    }
}
