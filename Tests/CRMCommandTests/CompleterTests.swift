import CRMQuery
import Testing

@testable import crm

/// TAB completion by context (``Completer``), as a pure function of the text before the
/// cursor: the words the grammar allows there, and no others.
@Suite struct CompleterTests {
    static func words(_ word: String, after before: String, inTransaction: Bool = false) -> [String] {
        guard
            case .words(let words) = Completer.complete(
                word: word, before: before, inTransaction: inTransaction)
        else { return [] }
        return words
    }

    @Test func statementStartOffersStatementsWithBeginOrCommitByState() {
        #expect(
            Self.words("", after: "") == [
                "begin", "count", "delete", "explain", "find", "get", "history", "insert", "update",
            ])
        #expect(Self.words("", after: "", inTransaction: true).contains("commit"))
        #expect(!Self.words("", after: "", inTransaction: true).contains("begin"))
        #expect(Self.words("", after: "find customers; ").contains("find"))
    }

    @Test func afterAttrsComeTheDeclaredCustomFieldsOfTheEntityThePathLeadsTo() {
        let declared: [Entity: [String]] = [.customer: ["region", "revenue"], .promise: ["amount_due"]]
        func words(_ word: String, _ before: String) -> [String] {
            guard
                case .words(let words) = Completer.complete(
                    word: word, before: before, customFields: declared)
            else { return [] }
            return words
        }
        #expect(words("attrs.re", "find customers where ") == ["attrs.region", "attrs.revenue"])
        #expect(words("attrs.", "find promises where ") == ["attrs.amount_due"])
        #expect(words("customer.attrs.reg", "find promises where ") == ["customer.attrs.region"])
        #expect(words("attrs.", "find interactions where ") == [])
    }

    @Test func afterAVerbComeEntities() {
        #expect(
            Self.words("", after: "find ")
                == ["calendars", "customers", "holidays", "interactions", "policies", "promises", "views"])
        #expect(Self.words("c", after: "get ") == ["calendar", "customer"])
        #expect(Self.words("", after: "explain ").contains("find"))
    }

    @Test func afterWhereComeTheFieldsOfTheEntityAndRelationPaths() {
        let words = Self.words("", after: "find promises where ")
        for expected in [
            "due", "overdue", "status", "title", "amount", "customer", "customer.", "interaction.", "not",
            "any",
        ] {
            #expect(words.contains(expected), "\(expected)")
        }
        for unexpected in ["begin", "commit", "rollback", "tier", "name", "where", "select", "vip"] {
            #expect(!words.contains(unexpected), "\(unexpected)")
        }
        #expect(Self.words("ov", after: "find promises where ") == ["overdue"])
        #expect(Self.words("customer.ti", after: "find promises where ") == ["customer.tier"])
        #expect(Self.words("", after: "find promises where overdue and ").contains("due"))
        #expect(Self.words("", after: "find customers where tier = vip and not ").contains("city"))
    }

    @Test func afterFieldEqualsComeItsValues() {
        #expect(Self.words("", after: "find customers where tier = ") == ["key", "standard", "vip"])
        #expect(Self.words("", after: "find promises where customer.tier != ") == ["key", "standard", "vip"])
        #expect(Self.words("", after: "find customers where tier in (vip, ") == ["key", "standard", "vip"])
        #expect(Self.words("", after: "find interactions where urgent = ") == ["false", "true"])
        #expect(Self.words("to", after: "find promises where due < ") == ["today", "tomorrow"])
        #expect(
            Self.words("", after: "find promises where due in last ") == ["month", "quarter", "week", "year"])
        #expect(Self.words("", after: "find promises where due in last 30 ") == ["days", "months", "weeks"])
    }

    @Test func afterAFieldComeOperatorWordsAndAfterAConditionTheClauses() {
        #expect(
            Self.words("", after: "find customers where tier ") == ["contains", "in", "is", "not", "starts"])
        #expect(Self.words("", after: "find customers where email is ") == ["not", "null"])
        let after = Self.words("", after: "find customers where tier = vip ")
        #expect(after == ["and", "group", "limit", "offset", "or", "order", "select"])
        #expect(Self.words("", after: "count customers where tier = vip ") == ["and", "group", "or"])
        #expect(Self.words("", after: "find promises where overdue ").contains("order"))
    }

    @Test func afterOrderByComeFieldsThenDirection() {
        #expect(Self.words("", after: "find customers order ") == ["by"])
        let keys = Self.words("", after: "find customers where tier = vip order by ")
        #expect(keys.contains("name") && keys.contains("last_contact") && !keys.contains("where"))
        #expect(
            Self.words("", after: "find customers order by name ") == [
                "asc", "desc", "group", "limit", "offset", "select", "where",
            ])
        #expect(Self.words("", after: "find promises order by due desc, ").contains("customer."))
        #expect(Self.words("", after: "count interactions group by ").contains("kind"))
    }

    @Test func selectOffersFieldsAndAggregates() {
        let words = Self.words("", after: "find interactions group by kind select ")
        #expect(words.contains("subject") && words.contains("avg") && words.contains("count"))
        #expect(Self.words("", after: "find interactions select avg(").contains("score"))
        #expect(Self.words("", after: "find promises select title ").contains("as"))
    }

    @Test func insideInsertComeTheWritableFieldsNotYetGiven() {
        let fields = Self.words("", after: "insert promise {")
        #expect(fields.contains("title") && fields.contains("due") && fields.contains("customer"))
        for unexpected in ["id", "created", "overdue", "late_by", "where", "find"] {
            #expect(!fields.contains(unexpected), "\(unexpected)")
        }
        let more = Self.words("", after: #"insert promise {customer: 1, title: "x", "#)
        #expect(!more.contains("title") && more.contains("owner"))
        #expect(Self.words("", after: "insert customer {name: \"A\", tier: ") == ["key", "standard", "vip"])
        #expect(Self.words("", after: "insert customer {name: \"A") == [])
    }

    @Test func afterWithComeTheRelations() {
        #expect(Self.words("", after: "get customer 1 with ") == ["interactions", "promises"])
        #expect(Self.words("", after: "get customer 1 with interactions, ") == ["interactions", "promises"])
        #expect(Self.words("", after: "get customer 1 ") == ["with"])
        #expect(Self.words("", after: "get customer 1 with interactions(") == ["limit", "order", "where"])
        #expect(Self.words("", after: "get customer 1 with interactions(where kind = ").contains("complaint"))
    }

    @Test func relationFiltersScopeToTheRelatedEntity() {
        #expect(Self.words("", after: "find customers where none(") == ["interactions", "promises"])
        #expect(Self.words("", after: "find customers where any(promises ") == ["where"])
        let inner = Self.words("", after: "find customers where any(promises where ")
        #expect(inner.contains("overdue") && !inner.contains("tier"))
        #expect(
            Self.words("", after: "find customers where any(interactions where kind = ").contains("survey"))
    }

    @Test func updateAndDeleteFollowTheirGrammar() {
        #expect(Self.words("", after: "update promises ") == ["where"])
        #expect(Self.words("", after: "update promise 3 ") == ["set"])
        #expect(Self.words("", after: "update promises where overdue ").contains("set"))
        let set = Self.words("", after: "update promise 3 set ")
        #expect(set.contains("status") && !set.contains("overdue") && !set.contains("id"))
        #expect(
            Self.words("", after: "update promise 3 set status = ") == [
                "broken", "cancelled", "kept", "pending",
            ])
        #expect(Self.words("", after: "delete customer 1 ") == ["cascade"])
    }

    @Test func aMultiLineStatementCompletesFromItsEarlierLines() {
        #expect(Self.words("ov", after: "find promises\nwhere ") == ["overdue"])
        #expect(
            Self.words("", after: "find customers where tier = vip and\ncity = \"Lagos\"\n").contains(
                "select"))
    }

    @Test func dotCommandsAndTheirArguments() {
        #expect(Self.words(".he", after: "") == [".help"])
        #expect(Self.words("b", after: ".mode ") == ["box"])
        #expect(Self.words("", after: ".expanded ") == ["auto", "off", "on"])
        #expect(Completer.complete(word: "", before: ".read ") == .files)
    }
}
