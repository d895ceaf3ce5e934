import Foundation
import LMDB
import TestSupport
import Testing

/// A damaged database through the real binary: what the user is told, what crm refuses to
/// write, and that no damage ends in a raw signal.
@Suite("crm on a damaged database")
struct DamageTests {
    let directory: TemporaryDirectory
    let database: String
    static let advice = "; restore from a backup (crm backup) or run crm check\n"

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.file("damaged.db")
        let seeded = try CommandRunner.run(["seed", database, "--customers", "20", "--seed", "3"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
    }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: database)) }

    /// Rewrites the first value of `table` through LMDB with one bit of its byte at `offset`
    /// (counted from its end when negative) flipped: the pages stay sound, the value is not
    /// what was written.
    func flipBit(in table: String, at offset: Int) throws {
        let env = try Environment(path: database)
        try env.write { tx in
            let database = try tx.openDatabase(table)
            let cursor = try tx.cursor(database)
            guard let first = try cursor.first() else {
                throw PageSurgery.Failure(description: "\(table) is empty")
            }
            var value = Array(first.value)
            value[offset < 0 ? value.count + offset : offset] ^= 0x10
            try tx.put(database, key: Array(first.key), value: value)
        }
    }

    /// A bit flipped among the first customer's field bytes (customer 1), just before its
    /// checksum: what a disk or a copy might do, and what the fields' own checks may not see.
    func damageFirstCustomer() throws {
        try flipBit(in: "customer", at: -6)
    }

    @Test func aDamagedRecordIsReportedWithWhatToDo() throws {
        try damageFirstCustomer()
        let result = try CommandRunner.run([database, "-c", "get customer 1"])
        #expect(result.status == 1)
        #expect(result.stderr == "crm: customer 1 is damaged (checksum)" + Self.advice)
        #expect(!result.stderr.contains("^"), "damage is not the statement's fault: no caret")
        let query = try CommandRunner.run([database, "-c", "find customers where name contains \"q\""])
        #expect(query.status == 1)
        #expect(query.stderr == "crm: customer 1 is damaged (checksum)" + Self.advice)
        let check = try CommandRunner.run(["check", database])
        #expect(check.status == 1)
        #expect(check.stdout.contains("problem: customer 1 is damaged (checksum)\n"), "\(check.stdout)")
    }

    /// A history entry carries a checksum too: a flipped bit in the first one (customer 1's,
    /// made by an update) is reported by `history` and by check.
    @Test func aDamagedHistoryEntryIsReported() throws {
        let updated = try CommandRunner.run([database, "-c", "update customer 1 set note = \"called\""])
        #expect(updated.status == 0, "\(updated.stderr)")
        try flipBit(in: "history", at: -6)
        let result = try CommandRunner.run([database, "-c", "history customer 1"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("crm: history entry "), "\(result.stderr)")
        #expect(
            result.stderr.hasSuffix(" of customer 1 is damaged (checksum)" + Self.advice), "\(result.stderr)")
        let check = try CommandRunner.run(["check", database])
        #expect(check.status == 1)
        #expect(check.stdout.contains(" of customer 1 is damaged (checksum)\n"), "\(check.stdout)")
    }

    /// A record written before checksums (format 2) whose bytes no longer decode is still
    /// named as damaged, by what is wrong with it.
    @Test func aDamagedRecordWithoutAChecksumIsReported() throws {
        let env = try Environment(path: database)
        try env.write { tx in
            let customers = try tx.openDatabase("customer")
            guard let first = try tx.cursor(customers).first() else {
                throw PageSurgery.Failure(description: "no customer")
            }
            // Format 2, then a header no record has.
            try tx.put(customers, key: Array(first.key), value: [2, 0xFF])
        }
        let result = try CommandRunner.run([database, "-c", "get customer 1"])
        #expect(result.status == 1)
        #expect(result.stderr == "crm: customer 1 is damaged: it has a damaged header" + Self.advice)
    }

    @Test func anExportThatMeetsADamagedRecordSaysWhatToDo() throws {
        try damageFirstCustomer()
        let result = try CommandRunner.run(["export", database, "--kind", "customer"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "crm export: the store failed: customer 1 is damaged (checksum)"
                + Self.advice)
    }

    /// Once a statement has met damage, the process writes nothing more to the file.
    @Test func writesAreRefusedOnceDamageIsSeen() throws {
        try damageFirstCustomer()
        let before = try bytes()
        let result = try CommandRunner.run(
            [database, "--keep-going"], input: "get customer 1\ninsert customer {name: \"New\"}\n")
        #expect(result.status == 1)
        // The two errors, then the script's summary (issue 12).
        var lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(lines.popLast() == "crm: 2 errors; 0 statements ran, 0 were skipped")
        #expect(
            lines.last?.hasPrefix("crm: \(database) is damaged (customer 1 is damaged (checksum)") == true,
            "\(result.stderr)")
        #expect(
            lines.last?.hasSuffix(
                "it is not written to, so that the damage does not spread; restore from a backup (crm backup) or run crm check"
            ) == true, "\(result.stderr)")
        #expect(try bytes() == before)
        let count = try CommandRunner.run([database, "--format", "csv", "-c", "count customers"])
        #expect(count.stdout == "count\r\n20\r\n")
    }

    /// A leaf node that claims duplicate values in a table without them makes LMDB follow a
    /// null pointer: the fault guard ends crm with exit status 3 and a message, not SIGSEGV.
    @Test func aReadFaultInLMDBEndsWithExitThreeAndAMessage() throws {
        var surgery = try PageSurgery(path: database)
        let leaf = try surgery.leaves(ofTable: "customer")[0]
        surgery.set16(surgery.node(leaf, 0) + 4, 0x04)
        try surgery.save()
        let before = try bytes()
        let result = try CommandRunner.run([database, "-c", "find customers order by id limit 1"])
        #expect(result.status == 3)
        #expect(!result.signaled)
        #expect(result.stderr == "crm: \(database) is damaged (a read fault in its pages)" + Self.advice)
        let check = try CommandRunner.run(["check", database])
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "problem: damaged page: table customer, page \(leaf): node 0 says it holds duplicate values, "
                    + "but the tree keeps none"), "\(check.stdout)")
        #expect(
            check.stdout.hasSuffix(
                "so records and indexes were not compared; restore from a backup (crm backup)\n"))
        #expect(try bytes() == before, "check wrote nothing")
    }

    /// Damage to the table directory keeps the file from opening; check still says where.
    @Test func aDamagedTableDirectoryIsNamed() throws {
        var surgery = try PageSurgery(path: database)
        let mainRoot = Int(PageSurgery.load64(surgery.bytes, surgery.currentMeta() + 24 + 48 + 40))
        surgery.set16(surgery.nodeSlot(mainRoot, 1), 60000)
        try surgery.save()
        let query = try CommandRunner.run([database, "-c", "count customers"])
        #expect(query.status == 3)
        #expect(
            query.stderr.hasPrefix(
                "crm: \(database) is damaged: the table directory, page \(mainRoot): node 1's offset 60000 lies outside"
            ),
            "\(query.stderr)")
        #expect(query.stderr.hasSuffix(Self.advice))
        let check = try CommandRunner.run(["check", database])
        #expect(check.status == 1)
        #expect(
            check.stdout.hasPrefix(
                "problem: damaged page: the table directory, page \(mainRoot): node 1's offset"))
    }

    /// A meta page's transaction id is a number from the file: with its top bit flipped (as in
    /// copy 622 of `Tools/damage-test 2000`, which trapped converting it), opening ends with an
    /// exit status, never a signal.
    @Test func aTransactionIdWithItsTopBitSetIsNoCrash() throws {
        var surgery = try PageSurgery(path: database)
        let meta = surgery.currentMeta()
        surgery.set64(meta + 128, PageSurgery.load64(surgery.bytes, meta + 128) | 1 << 63)
        try surgery.save()
        for arguments in [["check", database], [database, "-c", "count customers"]] {
            let result = try CommandRunner.run(arguments)
            #expect(!result.signaled, "\(arguments): \(result.stderr)")
            #expect([0, 1, 3].contains(result.status), "\(arguments): \(result.stderr)")
        }
    }

    /// A table's entry count is a number from the file: `crm stats` must not overflow on it.
    @Test func statsOnImpossibleCountsDoesNotOverflow() throws {
        var surgery = try PageSurgery(path: database)
        for table in ["customer.tier", "customer.status"] {
            surgery.set64(try surgery.tableRecord(table) + 32, UInt64(Int.max))
        }
        try surgery.save()
        let stats = try CommandRunner.run(["stats", database])
        #expect(!stats.signaled)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("index entries    \(Int.max)"), "\(stats.stdout)")
    }
}
